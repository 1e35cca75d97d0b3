using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace MLNet.DeepSvdd.Networks.Pretrained;

/// <summary>
/// Reads the float initializers (the weights) of an ONNX model file straight from its protobuf encoding:
/// ModelProto.graph (field 7) → GraphProto.initializer (field 5) → TensorProto {dims 1, data_type 2, float_data 4, name 8, raw_data 9}.
/// Only what importing weights needs; no ONNX dependency.
/// </summary>
internal static class OnnxInitializers
{
    private const int FloatType = 1;

    public sealed record Initializer(string Name, long[] Shape, float[] Values);

    public static Dictionary<string, Initializer> Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException e) { throw new InvalidDataException($"Cannot read ONNX file '{path}': {e.Message}", e); }
        var result = new Dictionary<string, Initializer>();
        try
        {
            foreach (var graph in Fields(bytes, 7))
            {
                var graphBytes = bytes[graph.Start..(graph.Start + graph.Length)];
                foreach (var tensor in Fields(graphBytes, 5))
                {
                    var init = ReadTensor(graphBytes.AsSpan(tensor.Start, tensor.Length));
                    if (init is not null) result[init.Name] = init;
                }
            }
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException($"'{path}' is not a valid ONNX model file (truncated or corrupt protobuf).", e);
        }
        if (result.Count == 0) throw new InvalidDataException($"'{path}' holds no float initializers; is it an ONNX model file?");
        return result;
    }

    private static Initializer? ReadTensor(ReadOnlySpan<byte> data)
    {
        var dims = new List<long>();
        int type = 0;
        string name = "";
        float[]? values = null;
        var floats = new List<float>();
        int position = 0;
        while (position < data.Length)
        {
            ulong key = ReadVarint(data, ref position);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (field, wire)
            {
                case (1, 0): dims.Add((long)ReadVarint(data, ref position)); break;
                case (1, 2):
                    {
                        var packed = Length(data, ref position);
                        int p = 0;
                        while (p < packed.Length) dims.Add((long)ReadVarint(packed, ref p));
                        break;
                    }
                case (2, 0): type = (int)ReadVarint(data, ref position); break;
                case (4, 5): floats.Add(BinaryPrimitives.ReadSingleLittleEndian(data.Slice(position, 4))); position += 4; break;
                case (4, 2): floats.AddRange(MemoryMarshal.Cast<byte, float>(Length(data, ref position)).ToArray()); break;
                case (8, 2): name = Encoding.UTF8.GetString(Length(data, ref position)); break;
                case (9, 2): values = MemoryMarshal.Cast<byte, float>(Length(data, ref position)).ToArray(); break;
                default: Skip(data, wire, ref position); break;
            }
        }
        if (type != FloatType) return null;
        return new Initializer(name, [.. dims], values ?? [.. floats]);
    }

    private static IEnumerable<(int Start, int Length)> Fields(byte[] data, int wanted)
    {
        var found = new List<(int, int)>();
        int position = 0;
        while (position < data.Length)
        {
            ulong key = ReadVarint(data, ref position);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            if (field == wanted && wire == 2)
            {
                int length = checked((int)ReadVarint(data, ref position));
                found.Add((position, length));
                position += length;
            }
            else Skip(data, wire, ref position);
        }
        return found;
    }

    private static ReadOnlySpan<byte> Length(ReadOnlySpan<byte> data, ref int position)
    {
        int length = checked((int)ReadVarint(data, ref position));
        var slice = data.Slice(position, length);
        position += length;
        return slice;
    }

    private static void Skip(ReadOnlySpan<byte> data, int wire, ref int position)
    {
        switch (wire)
        {
            case 0: ReadVarint(data, ref position); break;
            case 1: position += 8; break;
            case 2:
                {
                    int length = checked((int)ReadVarint(data, ref position)); // read first: `position +=` would use the old position
                    position += length;
                    break;
                }
            case 5: position += 4; break;
            default: throw new InvalidDataException($"Unsupported protobuf wire type {wire}.");
        }
        if (position > data.Length) throw new ArgumentOutOfRangeException(nameof(data));
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("Malformed varint in protobuf data.");
    }
}
