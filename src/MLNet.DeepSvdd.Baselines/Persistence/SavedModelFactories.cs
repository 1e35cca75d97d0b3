using System.ComponentModel;
using Microsoft.ML.Transforms;

namespace MLNet.DeepSvdd.Baselines.Persistence;

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
/// column and is deserialized once per distinct state. Infrastructure of model files; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class BaselineScoringFactory : CustomMappingFactory<BaselineScoringInput, AnomalyPrediction>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.Baselines.Score.v1";

    /// <inheritdoc />
    public override Action<BaselineScoringInput, AnomalyPrediction> GetMapping() => (input, output) => SavedMapping.Score(StateCache.Get(input.State), input, output);
}

/// <summary>Deserialized detectors keyed by the string (or array) that holds their state, so each state is parsed once.</summary>
internal static class StateCache
{
    private static readonly SavedStateCache<AnomalyDetectorTransformer> Cache = new("baseline detector", DetectorState.Read);

    public static AnomalyDetectorTransformer Get(ReadOnlyMemory<char> state) => Cache.Get(state);
}
