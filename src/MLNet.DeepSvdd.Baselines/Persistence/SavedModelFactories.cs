using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.Transforms;
using MLNet.DeepSvdd.Baselines.Scoring;

namespace MLNet.DeepSvdd.Baselines.Persistence;

/// <summary>
/// Recreates, when ML.NET loads a model file, the mapping that emits the constant state key. Infrastructure of model files; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class BaselineStateKeyFactory : CustomMappingFactory<BaselineNoColumns, BaselineStateKeyRow>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.Baselines.StateKey.v1";

    /// <inheritdoc />
    public override Action<BaselineNoColumns, BaselineStateKeyRow> GetMapping() => (_, output) => output.Key = SavedColumns.StateKeyValue;
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
    public override Action<BaselineScoringInput, AnomalyPrediction> GetMapping() => (input, output) =>
    {
        var detector = StateCache.Get(input.State);
        if (input.Features.Length != detector.InputSize)
        {
            throw new InvalidOperationException(
                $"A row of feature column '{detector.FeatureColumnName}' has {input.Features.Length} values; the model expects {detector.InputSize}.");
        }
        output.Score = RowScoring.Score(detector.Scorer, input.Features);
        output.PredictedLabel = RowScoring.IsAnomaly(output.Score, detector.Threshold);
    };
}

/// <summary>Deserialized detectors keyed by the string (or array) that holds their state, so each state is parsed once.</summary>
internal static class StateCache
{
    private sealed record Slot(int Start, int Length, Lazy<AnomalyDetectorTransformer> Detector);

    private static readonly ConditionalWeakTable<object, Slot> Cache = new();

    public static AnomalyDetectorTransformer Get(ReadOnlyMemory<char> state)
    {
        object? owner = null;
        int start = 0;
        if (MemoryMarshal.TryGetString(state, out var text, out start, out _)) owner = text;
        else if (MemoryMarshal.TryGetArray(state, out var segment)) { owner = segment.Array; start = segment.Offset; }
        if (owner is null) return Parse(state);
        var slot = Cache.GetValue(owner, _ => new Slot(start, state.Length, new Lazy<AnomalyDetectorTransformer>(() => Parse(state))));
        return slot.Start == start && slot.Length == state.Length ? slot.Detector.Value : Parse(state);
    }

    private static AnomalyDetectorTransformer Parse(ReadOnlyMemory<char> state)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(state.ToString());
        }
        catch (FormatException e)
        {
            throw new InvalidDataException("The baseline detector state stored in this model file is corrupt (not base64).", e);
        }
        return DetectorState.Read(bytes);
    }
}
