using System.Runtime.InteropServices;
using Google.Protobuf;
using OnnxModel = global::Onnx.ModelProto;
using OnnxTensor = global::Onnx.TensorProto;

namespace MLNet.DeepSvdd.Networks.Pretrained;

/// <summary>
/// Reads the float initializers (the weights) of an ONNX model file: the file is parsed into OnnxSharp's generated ONNX protobuf
/// types (the same ones the ONNX export writes) and each float TensorProto of ModelProto.graph.initializer is taken as
/// {name, dims, raw_data as little-endian floats, or else float_data}.
/// </summary>
internal static class OnnxInitializers
{
    public sealed record Initializer(string Name, long[] Shape, float[] Values);

    public static Dictionary<string, Initializer> Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException e) { throw new InvalidDataException($"Cannot read ONNX file '{path}': {e.Message}", e); }
        OnnxModel model;
        try { model = OnnxModel.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid ONNX model file (truncated or corrupt protobuf).", e);
        }
        var result = new Dictionary<string, Initializer>();
        foreach (var tensor in model.Graph?.Initializer ?? [])
        {
            if (tensor.DataType != (int)OnnxTensor.Types.DataType.Float) continue;
            // raw_data holds the values as little-endian floats; without it they are in the packed float_data field.
            float[] values = tensor.RawData.IsEmpty
                ? [.. tensor.FloatData]
                : MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
            result[tensor.Name] = new Initializer(tensor.Name, [.. tensor.Dims], values);
        }
        if (result.Count == 0) throw new InvalidDataException($"'{path}' holds no float initializers; is it an ONNX model file?");
        return result;
    }
}
