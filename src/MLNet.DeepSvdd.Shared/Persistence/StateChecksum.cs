using System.Security.Cryptography;

namespace MLNet.DeepSvdd.Shared.Persistence;

/// <summary>
/// The integrity check of every detector state stored in a model file (Deep SVDD, GEO, Isolation Forest, one-class SVM): the state bytes
/// are prefixed with a marker, a format version and their SHA-256, which every load verifies before it reads anything from them.
/// Layout: 8 marker bytes (<c>0x89 "DSVSUM" 0x0A</c>, which no state saved without a checksum starts with: those start with a
/// length-prefixed "MLNET…" header), 1 version byte (1), 32 bytes of SHA-256 over the version byte and the state, then the state itself.
/// Later layout versions keep this hash, so a damaged version byte reads as corruption and only an intact newer file asks for an update.
/// States saved before the checksum existed (no marker) are read as they are, through their own format checks.
/// </summary>
internal static class StateChecksum
{
    /// <summary>The version of this layout that <see cref="Wrap"/> writes and <see cref="Unwrap"/> reads up to.</summary>
    public const byte Version = 1;

    private static readonly byte[] Marker = [0x89, (byte)'D', (byte)'S', (byte)'V', (byte)'S', (byte)'U', (byte)'M', 0x0A];

    private const int HashLength = 32;

    /// <summary>Bytes before the state: marker, version, hash.</summary>
    public static readonly int HeaderLength = Marker.Length + 1 + HashLength;

    /// <summary>The state with its marker, version and SHA-256 in front.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> state)
    {
        var result = new byte[HeaderLength + state.Length];
        Marker.CopyTo(result, 0);
        result[Marker.Length] = Version;
        state.CopyTo(result.AsSpan(HeaderLength));
        Hash(Version, state, result.AsSpan(Marker.Length + 1, HashLength));
        return result;
    }

    /// <summary>
    /// The state inside <paramref name="bytes"/>, verified against its SHA-256; <c>Verified</c> is false for a state saved before the
    /// checksum existed, which is returned whole.
    /// </summary>
    /// <param name="bytes">The stored bytes.</param>
    /// <param name="what">The detector, for messages ("Deep SVDD", "GEO", ...).</param>
    /// <exception cref="InvalidDataException">The checksum does not match (the model file is corrupt), or the layout is newer than this library.</exception>
    public static (byte[] State, bool Verified) Unwrap(byte[] bytes, string what)
    {
        if (!bytes.AsSpan().StartsWith(Marker)) return (bytes, false);
        if (bytes.Length < HeaderLength)
            throw new InvalidDataException($"The model file is corrupt: the {what} state stored in it is truncated ({bytes.Length} bytes).");
        byte version = bytes[Marker.Length];
        var state = bytes.AsSpan(HeaderLength);
        Span<byte> hash = stackalloc byte[HashLength];
        Hash(version, state, hash);
        if (!hash.SequenceEqual(bytes.AsSpan(Marker.Length + 1, HashLength)))
            throw new InvalidDataException($"The model file is corrupt: the {what} state stored in it does not match its SHA-256 checksum.");
        if (version != Version)
        {
            if (version > Version)
            {
                throw new InvalidDataException($"The {what} state in this model file has checksum layout version {version}; this library reads up to " +
                    $"version {Version}. Update the MLNet.DeepSvdd packages.");
            }
            throw new InvalidDataException($"The model file is corrupt: the {what} state stored in it has an invalid checksum layout version ({version}).");
        }
        return (state.ToArray(), true);
    }

    private static void Hash(byte version, ReadOnlySpan<byte> state, Span<byte> destination)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([version]);
        hash.AppendData(state);
        hash.GetHashAndReset(destination);
    }
}
