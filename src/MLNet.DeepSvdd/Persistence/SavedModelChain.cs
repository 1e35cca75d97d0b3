using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.DeepSvdd.Scoring;

namespace MLNet.DeepSvdd.Persistence;

/// <summary>
/// How a <see cref="DeepSvddTransformer"/> goes into an ML.NET model file, using only transforms ML.NET can save and load itself
/// (ML.NET's own loader registry is closed to other assemblies):
/// <list type="number">
/// <item>a CustomMapping with no input that emits a constant key column,</item>
/// <item>a ValueMapping from that key to the model state (base64 of <see cref="ModelState"/>), stored inside the model file,</item>
/// <item>a CopyColumns of the feature column to a fixed internal name,</item>
/// <item>a CustomMapping that scores each row with the deserialized state (cached per state), emitting Score and PredictedLabel,</item>
/// <item>a DropColumns of the three internal columns.</item>
/// </list>
/// <c>mlContext.Model.Load</c> therefore rebuilds a working, row-by-row scorer in any process that can load MLNet.DeepSvdd.dll, and
/// <see cref="SavedModelRestorer"/> turns it back into a batched <see cref="DeepSvddTransformer"/>.
/// </summary>
internal static class SavedModelChain
{
    public static TransformerChain<ITransformer> Build(ScoringModel model, float threshold, string featureColumnName, TrainingReport report,
        int scoringBatchSize)
    {
        var ml = new MLContext();
        string state = Convert.ToBase64String(ModelState.Write(model, threshold, featureColumnName, report, scoringBatchSize));

        var schema = new DataViewSchema.Builder();
        schema.AddColumn(featureColumnName, new VectorDataViewType(NumberDataViewType.Single, model.InputSize));
        IDataView data = new EmptyDataView(schema.ToSchema());

        var stateKey = ml.Transforms.CustomMapping(new StateKeyMappingFactory().GetMapping(), StateKeyMappingFactory.ContractName).Fit(data);
        data = stateKey.Transform(data);
        var lookup = ml.Data.LoadFromEnumerable([new StateEntry { Key = SavedColumns.StateKeyValue, Value = state }]);
        var stateValue = ml.Transforms.Conversion.MapValue(SavedColumns.State, lookup, lookup.Schema[nameof(StateEntry.Key)],
            lookup.Schema[nameof(StateEntry.Value)], SavedColumns.StateKey).Fit(data);
        data = stateValue.Transform(data);
        var copy = ml.Transforms.CopyColumns(SavedColumns.Features, featureColumnName).Fit(data);
        data = copy.Transform(data);
        var score = ml.Transforms.CustomMapping(new SavedScoringFactory().GetMapping(), SavedScoringFactory.ContractName).Fit(data);
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
