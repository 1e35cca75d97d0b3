namespace MLNet.DeepSvdd.Shared.Persistence;

/// <summary>
/// Tells an ONNX file given where an ML.NET model zip is expected, so the load entry points can say so instead of calling it corrupt:
/// an ML.NET model file is a zip archive (it starts with "PK"), an ONNX file is a protobuf <c>ModelProto</c> with an IR version, a graph
/// and an operator set.
/// </summary>
internal static class OnnxFileSignature
{
    /// <summary>True when <paramref name="filePath"/> is not a zip archive but parses as an ONNX model.</summary>
    public static bool IsOnnxModel(string filePath)
    {
        try
        {
            using var stream = File.OpenRead(filePath);
            Span<byte> head = stackalloc byte[2];
            if (stream.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && head[0] == (byte)'P' && head[1] == (byte)'K') return false;
            stream.Position = 0;
            var model = global::Onnx.ModelProto.Parser.ParseFrom(stream);
            return model.IrVersion > 0 && model.Graph is not null && model.OpsetImport.Count > 0;
        }
        catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
