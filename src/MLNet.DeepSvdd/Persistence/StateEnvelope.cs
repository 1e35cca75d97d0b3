using System.Text;

namespace MLNet.DeepSvdd.Persistence;

/// <summary>
/// The byte layout every saved TorchSharp model of this library shares: a header (magic text, format version), a JSON document and the
/// network's weights in TorchSharp's state-dict format (length-prefixed). Each model kind has its own magic and JSON
/// (<see cref="DeepSvddState"/> for Deep SVDD; GEO's in MLNet.DeepSvdd.Baselines.Geo).
/// </summary>
internal static class StateEnvelope
{
    public static byte[] Write(string magic, int version, string json, torch.nn.Module network)
    {
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

    /// <summary>The JSON document and the weight bytes; throws <see cref="InvalidDataException"/> naming <paramref name="what"/> on a
    /// wrong header, a newer format or truncated data.</summary>
    public static (string Json, byte[] Weights) Read(byte[] bytes, string magic, int maxVersion, string what, string package)
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
