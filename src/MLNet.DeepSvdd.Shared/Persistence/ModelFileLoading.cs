namespace MLNet.DeepSvdd.Shared.Persistence;

/// <summary>
/// The library's load entry points (<c>LoadDeepSvdd</c>, <c>LoadGeo</c>, <c>LoadBaselines</c>) run ML.NET's <c>Model.Load</c> and the
/// restore of the detectors through this: a damaged file makes ML.NET's zip reader and model loaders fail with many exception types
/// (<see cref="InvalidDataException"/>, <see cref="FormatException"/>, <see cref="EndOfStreamException"/>, <see cref="InvalidOperationException"/>, ...);
/// all of them surface as one <see cref="InvalidDataException"/> that says the model file is corrupt, with the original as the inner exception.
/// A missing or unreadable file keeps its own exception.
/// </summary>
internal static class ModelFileLoading
{
    /// <summary>Checks that <paramref name="filePath"/> names an existing file (not a folder) before anything is read.</summary>
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

    /// <summary>
    /// A library load entry point: checks the file, runs ML.NET's <c>Model.Load</c> and <paramref name="restore"/> on its result, checks
    /// the saved input schema against the restored model, and reports any damage as one <see cref="InvalidDataException"/>.
    /// </summary>
    /// <param name="catalog">The MLContext's model operations.</param>
    /// <param name="filePath">The model file.</param>
    /// <param name="what">What the file should hold, e.g. "a model with Deep SVDD".</param>
    /// <param name="restore">Replaces the saved detectors in the loaded model by typed ones (throwing "… holds no …" when there is none).</param>
    /// <param name="inputSchema">The input schema saved with the model.</param>
    public static ITransformer LoadFile(ModelOperationsCatalog catalog, string filePath, string what, Func<ITransformer, ITransformer> restore,
        out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        CheckFile(filePath);
        var (model, schema) = Run($"Model file '{filePath}'", what, () =>
        {
            var loaded = catalog.Load(filePath, out var s);
            return (CheckSchema(restore(loaded), s), s);
        });
        inputSchema = schema;
        return model;
    }

    /// <summary>Runs <paramref name="load"/> and reports any sign of damage as <see cref="InvalidDataException"/> naming <paramref name="source"/>.</summary>
    /// <param name="source">How messages name the file, e.g. "Model file 'x.zip'" or "The model stream".</param>
    /// <param name="what">What the file should hold, e.g. "a Deep SVDD model".</param>
    /// <param name="load">Model.Load and the restore.</param>
    public static T Run<T>(string source, string what, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (InvalidDataException e) when (e.Message.Contains("holds no", StringComparison.Ordinal))
        {
            throw; // an intact file without the detector: the entry point's own message
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new InvalidDataException($"{source} is corrupt: it could not be read as {what} ({e.GetType().Name}: {e.Message}).", e);
        }
    }

    /// <summary>
    /// Propagates the saved input schema through <paramref name="model"/>, so a file whose transforms no longer fit together (a damaged
    /// column name, type or size) fails here, at load, and not at the first <c>Transform</c>.
    /// </summary>
    public static ITransformer CheckSchema(ITransformer model, DataViewSchema? inputSchema)
    {
        if (inputSchema is not null) model.GetOutputSchema(inputSchema);
        return model;
    }

    private static bool IsDamage(Exception e) =>
        e is not (FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or PathTooLongException
            or OutOfMemoryException or OperationCanceledException or DllNotFoundException or TypeInitializationException);
}
