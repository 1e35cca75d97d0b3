using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        Span<float> score = stackalloc float[1];
        detector.Model.Score(input.Features, 1, score);
        output.Score = score[0];
        output.PredictedLabel = score[0] > detector.Threshold;
    };
}

/// <summary>Deserialized models keyed by the string (or array) that holds their state, so each state is parsed once.</summary>
internal static class StateCache
{
    internal sealed record Entry(ScoringModel Model, float Threshold, ModelState.Metadata Metadata);

    private sealed record Slot(int Start, int Length, Lazy<Entry> Entry);

    private static readonly ConditionalWeakTable<object, Slot> Cache = new();

    public static Entry Get(ReadOnlyMemory<char> state)
    {
        object? owner = null;
        int start = 0;
        if (MemoryMarshal.TryGetString(state, out var text, out start, out _)) owner = text;
        else if (MemoryMarshal.TryGetArray(state, out var segment)) { owner = segment.Array; start = segment.Offset; }
        if (owner is null) return Parse(state);
        var slot = Cache.GetValue(owner, _ => new Slot(start, state.Length, new Lazy<Entry>(() => Parse(state))));
        return slot.Start == start && slot.Length == state.Length ? slot.Entry.Value : Parse(state);
    }

    public static Entry Parse(ReadOnlyMemory<char> state)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(state.ToString());
        }
        catch (FormatException e)
        {
            throw new InvalidDataException("The Deep SVDD state stored in this model file is corrupt (not base64).", e);
        }
        var (model, metadata) = ModelState.Read(bytes, Runtime.DeviceSelector.Default());
        return new Entry(model, metadata.Threshold, metadata);
    }
}
