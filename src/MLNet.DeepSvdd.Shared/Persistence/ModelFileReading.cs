namespace MLNet.DeepSvdd.Shared.Persistence;

/// <summary>
/// Reading an ML.NET model file with ML.NET's <c>Model.Load</c>, as every load entry point of the library does: the path checked first (a
/// folder, a missing file and an ONNX file each say so), and every sign of damage reported as one <see cref="InvalidDataException"/> that
/// says the file is corrupt, with the original as the inner exception (ML.NET's zip reader and model loaders fail on damage with many
/// exception types: InvalidData, Format, EndOfStream, InvalidOperation…). A missing or unreadable file keeps its own exception.
/// </summary>
internal static class ModelFileReading
{
    /// <summary>The model in <paramref name="filePath"/> as ML.NET loads it, and its saved input schema.</summary>
    /// <param name="catalog">The caller's model operations.</param>
    /// <param name="filePath">The model file.</param>
    /// <param name="what">What the file should hold, e.g. "a model with Deep SVDD", for the message on damage.</param>
    /// <param name="inputSchema">The input schema saved with the model.</param>
    /// <exception cref="FileNotFoundException">There is no such file, or it is a folder.</exception>
    /// <exception cref="InvalidDataException">The file is corrupt, or an ONNX file.</exception>
    public static ITransformer Load(ModelOperationsCatalog catalog, string filePath, string what, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        CheckFile(filePath);
        (var model, inputSchema) = Guard(Source(filePath), what, () => (catalog.Load(filePath, out var schema), schema));
        return model;
    }

    /// <summary>How messages name the model file at <paramref name="filePath"/>, or the stream when it is null.</summary>
    public static string Source(string? filePath) => filePath is null ? "The model stream" : $"Model file '{filePath}'";

    /// <summary>Checks that <paramref name="filePath"/> names an existing model file before anything is read.</summary>
    /// <exception cref="FileNotFoundException">There is no such file, or it is a folder.</exception>
    /// <exception cref="InvalidDataException">The file is an ONNX model, not an ML.NET model zip.</exception>
    public static void CheckFile(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        if (Directory.Exists(filePath))
            throw new FileNotFoundException($"Model file '{filePath}' is a folder; pass the path of a model .zip file.", filePath);
        if (!File.Exists(filePath)) throw new FileNotFoundException($"Model file '{filePath}' does not exist.", filePath);
        if (OnnxFileSignature.IsOnnxModel(filePath))
            throw new InvalidDataException($"Model file '{filePath}' is an ONNX file, not an ML.NET model (a .zip saved by mlContext.Model.Save or deepsvdd " +
                "train): score it with ONNX Runtime (see samples/OnnxScoring), or pass the .zip it was exported from.");
    }

    /// <summary>Runs <paramref name="read"/>; any damage becomes one <see cref="InvalidDataException"/> naming <paramref name="source"/>.</summary>
    public static T Guard<T>(string source, string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not (FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
            or PathTooLongException or OutOfMemoryException or OperationCanceledException or DllNotFoundException or TypeInitializationException))
        {
            throw new InvalidDataException($"{source} is corrupt: it could not be read as {what} ({e.GetType().Name}: {e.Message}).", e);
        }
    }
}
