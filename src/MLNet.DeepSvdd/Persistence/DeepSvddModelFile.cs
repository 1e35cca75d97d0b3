using System.ComponentModel;
using Microsoft.ML.Transforms;

namespace MLNet.DeepSvdd.Persistence;

/// <summary>
/// A <see cref="DeepSvddTransformer"/>'s model file: the shared <see cref="DetectorModelFile{TDetector, TKeyRow, TScoringInput, TPrediction}"/>
/// with Deep SVDD's state (<see cref="DeepSvddState"/>), column names, and the factories and row types ML.NET needs from this assembly.
/// </summary>
internal static class DeepSvddModelFile
{
    public const string StateKeyColumn = "__DeepSvddStateKey", StateColumn = "__DeepSvddState", FeaturesColumn = "__DeepSvddFeatures";

    public static readonly DetectorModelFile<DeepSvddTransformer, StateKeyRow, SavedScoringInput, DeepSvddPrediction> Instance = new(
        new DetectorFileNames("Deep SVDD", "Deep SVDD model", "a model with Deep SVDD", "MLNet.DeepSvdd",
            StateKeyColumn, StateColumn, FeaturesColumn),
        (new StateKeyMappingFactory(), StateKeyMappingFactory.ContractName),
        (new SavedScoringFactory(), SavedScoringFactory.ContractName),
        DeepSvddState.Write, DeepSvddState.Read);
}

/// <summary>The constant key under which a saved model's state is stored. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StateKeyRow : ISavedStateKeyRow
{
    /// <summary>Always "model".</summary>
    [ColumnName(DeepSvddModelFile.StateKeyColumn)]
    public string Key { get; set; } = DetectorFileNames.ModelKey;
}

/// <summary>Input of the saved scoring mapping: the features and the model state. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SavedScoringInput : ISavedScoringRow
{
    /// <summary>The feature vector (a copy of the trainer's feature column).</summary>
    [ColumnName(DeepSvddModelFile.FeaturesColumn)]
    public float[] Features { get; set; } = [];

    /// <summary>The serialized model (base64 of the model state).</summary>
    [ColumnName(DeepSvddModelFile.StateColumn)]
    public ReadOnlyMemory<char> State { get; set; }
}

/// <summary>
/// Recreates, when ML.NET loads a model file, the mapping that emits the constant state key. Infrastructure of model files; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class StateKeyMappingFactory : CustomMappingFactory<NoColumns, StateKeyRow>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.StateKey.v1";

    /// <inheritdoc />
    public override Action<NoColumns, StateKeyRow> GetMapping() => (_, row) => SavedMapping.EmitKey(row);
}

/// <summary>
/// Recreates, when ML.NET loads a model file, the row-by-row scoring mapping; the model state arrives as a column and is parsed once per
/// distinct state. Infrastructure of model files; not for direct use: call <c>mlContext.Model.LoadDeepSvdd</c> for batched scoring.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class SavedScoringFactory : CustomMappingFactory<SavedScoringInput, DeepSvddPrediction>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.Score.v1";

    /// <inheritdoc />
    public override Action<SavedScoringInput, DeepSvddPrediction> GetMapping() =>
        (input, output) => SavedMapping.Score(DeepSvddModelFile.Instance.Scorer(input.State), input, output);
}
