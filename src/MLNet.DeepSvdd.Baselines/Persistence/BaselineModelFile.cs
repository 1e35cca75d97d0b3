using System.ComponentModel;
using Microsoft.ML.Transforms;

namespace MLNet.DeepSvdd.Baselines.Persistence;

/// <summary>
/// The model file of the baseline detectors (Isolation Forest, one-class SVM): the shared
/// <see cref="DetectorModelFile{TDetector, TKeyRow, TScoringInput, TPrediction}"/> with their state (<see cref="BaselineState"/>), column
/// names, and the factories and row types ML.NET needs from this assembly.
/// </summary>
internal static class BaselineModelFile
{
    public const string StateKeyColumn = "__BaselineStateKey", StateColumn = "__BaselineState", FeaturesColumn = "__BaselineFeatures";

    public static readonly DetectorModelFile<AnomalyDetectorTransformer, BaselineStateKeyRow, BaselineScoringInput, AnomalyPrediction> Instance = new(
        new DetectorFileNames("baseline detector", "baseline detector", "a model with baseline detectors", "MLNet.DeepSvdd.Baselines",
            StateKeyColumn, StateColumn, FeaturesColumn),
        (new BaselineStateKeyFactory(), BaselineStateKeyFactory.ContractName),
        (new BaselineScoringFactory(), BaselineScoringFactory.ContractName),
        BaselineState.Write, BaselineState.Read);
}

/// <summary>The constant key under which a saved detector's state is stored. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BaselineStateKeyRow : ISavedStateKeyRow
{
    /// <summary>Always "model".</summary>
    [ColumnName(BaselineModelFile.StateKeyColumn)]
    public string Key { get; set; } = DetectorFileNames.ModelKey;
}

/// <summary>Input of the saved scoring mapping: the features and the detector state. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BaselineScoringInput : ISavedScoringRow
{
    /// <summary>The feature vector (a copy of the detector's feature column).</summary>
    [ColumnName(BaselineModelFile.FeaturesColumn)]
    public float[] Features { get; set; } = [];

    /// <summary>The serialized detector (base64 of its state).</summary>
    [ColumnName(BaselineModelFile.StateColumn)]
    public ReadOnlyMemory<char> State { get; set; }
}

/// <summary>
/// Recreates, when ML.NET loads a model file, the mapping that emits the constant state key. Infrastructure of model files; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class BaselineStateKeyFactory : CustomMappingFactory<NoColumns, BaselineStateKeyRow>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.Baselines.StateKey.v1";

    /// <inheritdoc />
    public override Action<NoColumns, BaselineStateKeyRow> GetMapping() => (_, row) => SavedMapping.EmitKey(row);
}

/// <summary>
/// Recreates, when ML.NET loads a model file, the row-by-row scoring mapping of a baseline detector; the detector state arrives as a
/// column and is parsed once per distinct state. Infrastructure of model files; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class BaselineScoringFactory : CustomMappingFactory<BaselineScoringInput, AnomalyPrediction>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.Baselines.Score.v1";

    /// <inheritdoc />
    public override Action<BaselineScoringInput, AnomalyPrediction> GetMapping() =>
        (input, output) => SavedMapping.Score(BaselineModelFile.Instance.Scorer(input.State), input, output);
}
