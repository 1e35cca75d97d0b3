using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNet.DeepSvdd.Shared.Persistence;

/// <summary>
/// Detectors deserialized from the base64 state text of a model file, keyed by the string (or array) that holds the text, so each state is
/// parsed once however many rows the saved scoring mapping scores.
/// </summary>
internal sealed class SavedStateCache<T>(string what, Func<byte[], T> read)
{
    private sealed record Slot(int Start, int Length, Lazy<T> Value);

    private readonly ConditionalWeakTable<object, Slot> cache = new();

    /// <summary>The detector of <paramref name="state"/>, parsed on first use.</summary>
    public T Get(ReadOnlyMemory<char> state)
    {
        object? owner = null;
        int start = 0;
        if (MemoryMarshal.TryGetString(state, out var text, out start, out _)) owner = text;
        else if (MemoryMarshal.TryGetArray(state, out var segment)) { owner = segment.Array; start = segment.Offset; }
        if (owner is null) return Parse(state);
        var slot = cache.GetValue(owner, _ => new Slot(start, state.Length, new Lazy<T>(() => Parse(state))));
        return slot.Start == start && slot.Length == state.Length ? slot.Value.Value : Parse(state);
    }

    /// <summary>
    /// Decodes <paramref name="state"/>, verifies its checksum (<see cref="StateChecksum"/>) and reads it, without the cache. Any damage is
    /// an <see cref="InvalidDataException"/> saying the model file is corrupt: a checksum mismatch, or, for a state saved before checksums
    /// (read through its own format checks only), whatever its reader fails with.
    /// </summary>
    public T Parse(ReadOnlyMemory<char> state)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(state.ToString());
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"The model file is corrupt: the {what} state stored in it is not valid base64.", e);
        }
        var (payload, verified) = StateChecksum.Unwrap(bytes, what);
        if (verified) return read(payload);
        try
        {
            return read(payload);
        }
        catch (InvalidDataException e) when (!e.Message.Contains("Update", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The model file is corrupt: the {what} state stored in it (saved without a checksum) could not be read: {e.Message}", e);
        }
        catch (Exception e) when (e is not (InvalidDataException or OutOfMemoryException or DllNotFoundException or TypeInitializationException
            or OperationCanceledException))
        {
            throw new InvalidDataException($"The model file is corrupt: the {what} state stored in it (saved without a checksum) could not be read: {e.Message}", e);
        }
    }
}
