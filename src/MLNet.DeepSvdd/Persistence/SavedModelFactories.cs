using System.ComponentModel;
using Microsoft.ML.Transforms;
using MLNet.DeepSvdd.Scoring;

namespace MLNet.DeepSvdd.Persistence;

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
    public override Action<NoColumns, StateKeyRow> GetMapping() => (_, output) => output.Key = SavedColumns.StateKeyValue;
}

/// <summary>
/// Recreates, when ML.NET loads a model file, the row-by-row scoring mapping; the model state arrives as a column and is deserialized once
/// per distinct state. Infrastructure of model files; not for direct use: call <c>mlContext.Model.LoadDeepSvdd</c> for batched scoring.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class SavedScoringFactory : CustomMappingFactory<SavedScoringInput, DeepSvddPrediction>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.Score.v1";

    /// <inheritdoc />
    public override Action<SavedScoringInput, DeepSvddPrediction> GetMapping() => (input, output) =>
    {
        var detector = StateCache.Get(input.State);
        FeatureRowCheck.CheckLength(input.Features.Length, detector.Model.InputSize, detector.Metadata.FeatureColumnName, row: null);
        output.Score = NonFiniteFeatures.ScoreRow(detector.Model, input.Features);
        output.PredictedLabel = NonFiniteFeatures.IsAnomaly(output.Score, detector.Threshold);
    };
}

/// <summary>Deserialized models keyed by the string (or array) that holds their state, so each state is parsed once.</summary>
internal static class StateCache
{
    internal sealed record Entry(ScoringModel Model, float Threshold, ModelState.Metadata Metadata);

    private static readonly SavedStateCache<Entry> Cache = new("Deep SVDD", bytes =>
    {
        var (model, metadata) = ModelState.Read(bytes, Runtime.DeviceSelector.Default());
        return new Entry(model, metadata.Threshold, metadata);
    });

    public static Entry Get(ReadOnlyMemory<char> state) => Cache.Get(state);
}
