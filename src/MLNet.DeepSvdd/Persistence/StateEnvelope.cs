using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNet.DeepSvdd.Persistence;

/// <summary>
/// The byte layout every saved TorchSharp model of this library shares: a header (magic text, format version), a JSON document and the
/// network's weights in TorchSharp's state-dict format (length-prefixed). Each model kind has its own magic and JSON
/// (<see cref="DeepSvddState"/> for Deep SVDD; GEO's in MLNet.DeepSvdd.Baselines.Geo).
/// </summary>
internal static class StateEnvelope
{
    /// <summary>How the JSON document is written: enums by name, NaN and infinities as named literals.</summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The bytes of a model: <paramref name="metadata"/> as the JSON document, then <paramref name="network"/>'s weights.</summary>
    public static byte[] Write<TMetadata>(string magic, int version, TMetadata metadata, torch.nn.Module network)
    {
        string json = JsonSerializer.Serialize(metadata, Json);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(magic);
            writer.Write(version);
            writer.Write(json);
            using var weights = new MemoryStream();
            using (var weightWriter = new BinaryWriter(weights, Encoding.UTF8, leaveOpen: true)) network.save(weightWriter);
            writer.Write(weights.Length);
            writer.Write(weights.GetBuffer(), 0, (int)weights.Length);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// The metadata and the weight bytes; throws <see cref="InvalidDataException"/> naming <paramref name="what"/> on a wrong header, a newer
    /// format, truncated data or a metadata document that does not read.
    /// </summary>
    public static (TMetadata Metadata, byte[] Weights) Read<TMetadata>(byte[] bytes, string magic, int maxVersion, string what, string package)
    {
        var (json, weights) = ReadParts(bytes, magic, maxVersion, what, package);
        try
        {
            var metadata = JsonSerializer.Deserialize<TMetadata>(json, Json)
                ?? throw new InvalidDataException($"The saved {what} model's metadata is empty.");
            return (metadata, weights);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The saved {what} model's metadata is damaged.", e);
        }
    }

    /// <summary>Loads <paramref name="weights"/> (TorchSharp's state-dict format) into <paramref name="network"/>.</summary>
    public static T WithWeights<T>(T network, byte[] weights) where T : torch.nn.Module
    {
        using var stream = new MemoryStream(weights, writable: false);
        network.load(stream);
        return network;
    }

    private static (string Json, byte[] Weights) ReadParts(byte[] bytes, string magic, int maxVersion, string what, string package)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            string header;
            try { header = reader.ReadString(); }
            catch (Exception e) when (e is EndOfStreamException or IOException) { header = ""; }
            if (header != magic) throw new InvalidDataException($"The data is not a saved {what} model (wrong header).");
            int version = reader.ReadInt32();
            if (version > maxVersion)
                throw new InvalidDataException($"The {what} model was saved in format version {version}; this {package} reads up to version {maxVersion}. Update {package}.");
            string json = reader.ReadString();
            long length = reader.ReadInt64();
            var weights = reader.ReadBytes(checked((int)length));
            if (weights.Length != length) throw new EndOfStreamException();
            return (json, weights);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"The saved {what} model is truncated.", e);
        }
    }
}
