using Google.Protobuf;
using MLNet.DeepSvdd.Onnx;

namespace MLNet.DeepSvdd;

/// <summary>
/// ONNX export of a fitted Deep SVDD detector: <c>mlContext.Model.ExportDeepSvddToOnnx(model, stream)</c>. The ONNX graph holds the
/// whole detector (input stage, network in evaluation mode, distance to the centre, soft-boundary offset and threshold), so ONNX
/// Runtime alone scores like the transformer. ML.NET's own <c>mlContext.Model.ConvertToOnnx</c> cannot export it and throws.
/// </summary>
public static class DeepSvddOnnxExport
{
    /// <summary>
    /// Writes the ONNX model of a fitted Deep SVDD detector to <paramref name="stream"/> (operator set 13, or 18 when the model resizes
    /// its images: ONNX Runtime 1.6 or 1.14 and later).
    /// Input: one tensor named after the detector's feature column, float [N, D] (the flat row the transformer reads, e.g. the planar
    /// RGB pixels of <c>ExtractPixels</c>), N dynamic. Outputs: <c>Score</c>, float [N, 1], the transformer's Score (‖φ(x) − c‖², minus
    /// R² in soft-boundary mode; +∞ for a row with a NaN or infinite value), and <c>PredictedLabel</c>, bool [N, 1] (Score &gt;
    /// <c>DeepSvddTransformer.Threshold</c>). A model with a patch branch (<see cref="DeepSvddTransformer.HasAnomalyMap"/>; its Score is the
    /// transformer's, reduced from the patch map and, with <see cref="DeepSvddRepresentation.PooledAndPatches"/>, added to the pooled term) also
    /// outputs <c>AnomalyMap</c>, float [N, H, W] at the input image's size (0.5 at the map threshold
    /// <see cref="DeepSvddTransformer.MapThreshold"/>; +∞ for a row with a NaN or infinite value), and <c>PredictedMask</c>, bool [N, H, W]
    /// (AnomalyMap &gt; 0.5), and is written at operator set 18. The input normalisation, channel order and resize to
    /// <see cref="DeepSvddTrainer.Options.InputResolution"/> are inside the graph; transforms before the detector in a pipeline
    /// (image loading, resizing, pixel extraction, normalizers) are not.
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="model">
    /// A <see cref="DeepSvddTransformer"/>, or a fitted or loaded model that consists of one Deep SVDD detector only. For a pipeline with
    /// other steps pass its detector: <c>mlContext.Model.GetDeepSvdd(model)</c> (after <c>mlContext.Model.Load</c>) or the chain's
    /// <c>LastTransformer</c>, and reproduce the steps before it where the ONNX file is used.
    /// </param>
    /// <param name="stream">A writable stream; the model is written at its current position and the stream is left open.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// The stream cannot be written, or the model is not a Deep SVDD detector (GEO, ML.NET's own transforms, and the Isolation Forest and
    /// one-class SVM, which export with <c>ExportBaselineToOnnx</c>, cannot be exported this way), or it holds other transforms besides
    /// the detector.
    /// </exception>
    public static void ExportDeepSvddToOnnx(this ModelOperationsCatalog catalog, ITransformer model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream to write the ONNX model to is not writable.", nameof(stream));
        var detector = Resolve(catalog, model);
        var onnx = DeepSvddOnnxExporter.Build(detector);
        onnx.WriteTo(stream);
        stream.Flush();
    }

    /// <summary>
    /// Like <see cref="ExportDeepSvddToOnnx(ModelOperationsCatalog, ITransformer, Stream)"/>, to a file: the model is written to a temporary
    /// file beside <paramref name="filePath"/> and moved over it when complete, so a failed export leaves no partial file (and the CLI's
    /// interrupt handling deletes the temporary file on Ctrl-C).
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="model">The Deep SVDD detector (see the stream overload).</param>
    /// <param name="filePath">The .onnx file to write (replaced if it exists).</param>
    /// <exception cref="ArgumentException">The path is empty or names a folder, or the model is not a Deep SVDD detector.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="filePath"/> does not exist.</exception>
    public static void ExportDeepSvddToOnnx(this ModelOperationsCatalog catalog, ITransformer model, string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(filePath)) throw new ArgumentException("The ONNX file path is empty.", nameof(filePath));
        string full = Path.GetFullPath(filePath);
        if (Directory.Exists(full)) throw new ArgumentException($"The ONNX file path '{filePath}' is a folder.", nameof(filePath));
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"The folder of the ONNX file '{filePath}' does not exist: {folder}");
        var detector = Resolve(catalog, model); // before anything is written
        var onnx = DeepSvddOnnxExporter.Build(detector);
        AtomicFile.Write(full, onnx.WriteTo);
    }

    /// <summary>The one Deep SVDD detector <paramref name="model"/> consists of (restored from a loaded model's saved form when needed).</summary>
    private static DeepSvddTransformer Resolve(ModelOperationsCatalog catalog, ITransformer model)
    {
        if (model is DeepSvddTransformer direct) return direct;
        var restored = DeepSvddModelFile.Instance.RestoreAny(model, MLContextAccess.TryEnvironment(catalog), out _);
        var steps = Leaves(restored).ToList();
        var detectors = steps.OfType<DeepSvddTransformer>().ToList();
        if (detectors.Count == 1 && steps.Count == 1) return detectors[0];
        if (detectors.Count == 1)
        {
            var others = steps.Where(s => s is not DeepSvddTransformer).Select(s => s.GetType().Name).Distinct();
            throw new ArgumentException(
                $"The model holds {steps.Count - 1} other transform(s) besides its Deep SVDD detector ({string.Join(", ", others)}). " +
                "ExportDeepSvddToOnnx exports the detector alone: pass mlContext.Model.GetDeepSvdd(model) (or the chain's LastTransformer), " +
                $"whose ONNX input is its feature column '{detectors[0].FeatureColumnName}', and apply the steps before it where the ONNX file is used.",
                nameof(model));
        }
        if (detectors.Count > 1)
            throw new ArgumentException($"The model holds {detectors.Count} Deep SVDD detectors; export them one at a time.", nameof(model));
        string kind = model.GetType().Name;
        string why = kind.StartsWith("Geo", StringComparison.Ordinal)
            ? " GEO cannot be exported to ONNX (it scores 72 geometric transformations of each image with a Dirichlet model)."
            : kind is "IsolationForestTransformer" or "OneClassSvmTransformer"
                ? " Export Isolation Forest and one-class SVM detectors with mlContext.Model.ExportBaselineToOnnx (MLNet.DeepSvdd.Baselines)."
                : "";
        throw new ArgumentException($"ExportDeepSvddToOnnx exports Deep SVDD detectors, but the model is a {kind} with no Deep SVDD detector in it.{why}",
            nameof(model));
    }

    private static IEnumerable<ITransformer> Leaves(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Leaves) : [model];
}
