using System.Globalization;
using Google.Protobuf;
using MLNet.DeepSvdd.Baselines.Onnx;
using MLNet.DeepSvdd.Shared.Onnx;
using Onnx;

namespace MLNet.DeepSvdd.Baselines;

/// <summary>
/// ONNX export of a fitted Isolation Forest or one-class SVM: <c>mlContext.Model.ExportBaselineToOnnx(model, stream)</c>. The graph
/// scores like the transformer (Score and PredictedLabel), so ONNX Runtime alone can serve the detector.
/// </summary>
public static class BaselineOnnxExport
{
    /// <summary>
    /// Writes the ONNX model of a fitted <see cref="IsolationForestTransformer"/> or <see cref="OneClassSvmTransformer"/> to
    /// <paramref name="stream"/>. Input: one tensor named after the detector's feature column, float [N, D], N dynamic. Outputs:
    /// <c>Score</c>, float [N, 1] (the transformer's Score; +∞ for a row with a NaN or infinite value) and <c>PredictedLabel</c>, bool
    /// [N, 1] (Score &gt; <see cref="DetectorTransformer.Threshold"/>). Operator set 13; the Isolation Forest also uses ONNX-ML's
    /// <c>TreeEnsembleRegressor</c> (<c>ai.onnx.ml</c> 1). Transforms before the detector in a pipeline are not in the graph.
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="model">The detector, or a fitted or loaded model that consists of one such detector only.</param>
    /// <param name="stream">A writable stream; the model is written at its current position and the stream is left open.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The stream cannot be written, or the model is not an Isolation Forest or one-class SVM alone.</exception>
    public static void ExportBaselineToOnnx(this ModelOperationsCatalog catalog, ITransformer model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream to write the ONNX model to is not writable.", nameof(stream));
        var detector = Resolve(model);
        Build(detector).WriteTo(stream);
        stream.Flush();
    }

    private static ModelProto Build(AnomalyDetectorTransformer detector)
    {
        string input = detector.FeatureColumnName;
        DetectorHeadEmitter.CheckInputName(input);
        var graph = new OnnxGraphBuilder(detector.Scorer.Kind);
        graph.Input(input, TensorProto.Types.DataType.Float, null, detector.InputSize);
        string score = detector.Scorer switch
        {
            IsolationForestModel forest => IsolationForestEmitter.Emit(graph, input, forest),
            OneClassSvmModel svm => OneClassSvmEmitter.Emit(graph, input, svm),
            var other => throw new ArgumentException($"The {other.Kind} detector has no ONNX export."),
        };
        DetectorHeadEmitter.Emit(graph, score, input, detector.Threshold);
        string threshold = detector.Threshold.ToString("R", CultureInfo.InvariantCulture);
        return graph.Build(OnnxGraphBuilder.BaseOpset,
            $"{detector.Scorer.Kind} detector exported by MLNet.DeepSvdd.Baselines. Input '{input}': float [N, {detector.InputSize}]. " +
            $"Outputs: Score float [N, 1] (+∞ for a row with a NaN or infinite value), PredictedLabel bool [N, 1] (Score > {threshold}).",
            new Dictionary<string, string>
            {
                ["deepsvdd.detector"] = detector.Scorer.Kind,
                ["deepsvdd.feature_column"] = input,
                ["deepsvdd.input_shape"] = detector.InputSize.ToString(CultureInfo.InvariantCulture),
                ["deepsvdd.threshold"] = threshold,
            });
    }

    private static AnomalyDetectorTransformer Resolve(ITransformer model)
    {
        if (model is AnomalyDetectorTransformer direct) return direct;
        var steps = Leaves(BaselineModelFile.Instance.RestoreAny(model, null, out _)).ToList();
        var detectors = steps.OfType<AnomalyDetectorTransformer>().ToList();
        if (detectors.Count == 1 && steps.Count == 1) return detectors[0];
        if (detectors.Count == 1)
        {
            throw new ArgumentException($"The model holds {steps.Count - 1} other transform(s) besides its {detectors[0].Scorer.Kind} detector " +
                $"({string.Join(", ", steps.Where(s => s is not AnomalyDetectorTransformer).Select(s => s.GetType().Name).Distinct())}). " +
                "ExportBaselineToOnnx exports the detector alone: pass mlContext.Model.GetBaselineDetector<T>(model) (or the chain's " +
                $"LastTransformer), whose ONNX input is its feature column '{detectors[0].FeatureColumnName}'.", nameof(model));
        }
        throw new ArgumentException(detectors.Count > 1
            ? $"The model holds {detectors.Count} baseline detectors; export them one at a time."
            : $"ExportBaselineToOnnx exports Isolation Forest and one-class SVM detectors, but the model is a {model.GetType().Name} with none in it " +
              "(a Deep SVDD detector exports with ExportDeepSvddToOnnx; GEO cannot be exported).", nameof(model));
    }

    private static IEnumerable<ITransformer> Leaves(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Leaves) : [model];
}
