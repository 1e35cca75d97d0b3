using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Baselines.Persistence;

/// <summary>
/// How a baseline detector goes into an ML.NET model file, using only transforms ML.NET can save and load itself (its loader registry
/// is closed to other assemblies), exactly as MLNet.DeepSvdd saves Deep SVDD:
/// <list type="number">
/// <item>a CustomMapping with no input that emits a constant key column,</item>
/// <item>a ValueMapping from that key to the detector state (base64 of <see cref="DetectorState"/>), stored inside the model file,</item>
/// <item>a CopyColumns of the feature column to a fixed internal name,</item>
/// <item>a CustomMapping that scores each row with the deserialized detector (parsed once per state), emitting Score and PredictedLabel,</item>
/// <item>a DropColumns of the three internal columns.</item>
/// </list>
/// <c>mlContext.Model.Load</c> therefore rebuilds a working row-by-row scorer in any process that can load MLNet.DeepSvdd.Baselines.dll;
/// <see cref="SavedModelRestorer"/> finds the typed detector in it again.
/// </summary>
internal static class SavedModelChain
{
    public const int Length = 5;

    public static TransformerChain<ITransformer> Build(AnomalyDetectorTransformer detector)
    {
        var ml = new MLContext();
        string state = Convert.ToBase64String(DetectorState.Write(detector));

        var schema = new DataViewSchema.Builder();
        schema.AddColumn(detector.FeatureColumnName, new VectorDataViewType(NumberDataViewType.Single, detector.InputSize));
        IDataView data = new EmptyDataView(schema.ToSchema());

        var stateKey = ml.Transforms.CustomMapping(new BaselineStateKeyFactory().GetMapping(), BaselineStateKeyFactory.ContractName).Fit(data);
        data = stateKey.Transform(data);
        var lookup = ml.Data.LoadFromEnumerable([new StateEntry { Key = SavedColumns.StateKeyValue, Value = state }]);
        var stateValue = ml.Transforms.Conversion.MapValue(SavedColumns.State, lookup, lookup.Schema[nameof(StateEntry.Key)],
            lookup.Schema[nameof(StateEntry.Value)], SavedColumns.StateKey).Fit(data);
        data = stateValue.Transform(data);
        var copy = ml.Transforms.CopyColumns(SavedColumns.Features, detector.FeatureColumnName).Fit(data);
        data = copy.Transform(data);
        var score = ml.Transforms.CustomMapping(new BaselineScoringFactory().GetMapping(), BaselineScoringFactory.ContractName).Fit(data);
        data = score.Transform(data);
        var drop = ml.Transforms.DropColumns(SavedColumns.StateKey, SavedColumns.State, SavedColumns.Features).Fit(data);
        return new TransformerChain<ITransformer>(stateKey, stateValue, copy, score, drop);
    }

    private sealed class StateEntry
    {
        public string Key { get; set; } = "";

        public string Value { get; set; } = "";
    }
}
