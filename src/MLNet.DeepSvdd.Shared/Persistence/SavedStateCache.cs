using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNet.DeepSvdd.Shared.Persistence;

/// <summary>
/// Detectors parsed from the base64 state text of a model file, keyed by the string (or array) that holds the text, so the row-by-row
/// scoring mapping of a plainly loaded model parses each state once however many rows it scores.
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
        if (owner is null) return Decode(state, what, read);
        var slot = cache.GetValue(owner, _ => new Slot(start, state.Length, new Lazy<T>(() => Decode(state, what, read))));
        return slot.Start == start && slot.Length == state.Length ? slot.Value.Value : Decode(state, what, read);
    }

    /// <summary>
    /// Decodes <paramref name="state"/>, verifies its checksum (<see cref="StateChecksum"/>) and reads it with <paramref name="read"/>, without a
    /// cache. Any damage is an <see cref="InvalidDataException"/> saying the model file is corrupt: a checksum mismatch, or, for a state saved
    /// before checksums (read through its own format checks only), whatever its reader fails with: such a state was written by a version
    /// before this one, so even a "newer format version" in it is damage.
    /// </summary>
    public static T Decode(ReadOnlyMemory<char> state, string what, Func<byte[], T> read)
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
        catch (Exception e) when (e is not (OutOfMemoryException or DllNotFoundException or TypeInitializationException
            or OperationCanceledException))
        {
            throw new InvalidDataException($"The model file is corrupt: the {what} state stored in it (saved without a checksum) could not be read: {e.Message}", e);
        }
    }
}
