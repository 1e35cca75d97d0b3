using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.OnnxRuntime;
using MLNet.DeepSvdd.Shared.Detectors;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// <c>deepsvdd export --check N</c>: scores N random rows of a detector's input shape (pixels uniform in 0–255 for images, standard normal
/// values for vectors) with the detector's <c>Transform</c> (TorchSharp for Deep SVDD) and with the exported ONNX file in ONNX Runtime, in
/// batches of the same size, and reports the largest relative score difference (relative to max(|score|, the detector's scale: R² for
/// soft-boundary Deep SVDD, ρ for the one-class SVM)) and the rows per second of each (after one warm-up batch each; the better of two
/// alternating rounds). For a model with anomaly maps it also compares the maps (largest absolute difference; 0.5 is the map threshold) and
/// counts the pixels whose predicted mask differs.
/// </summary>
internal static class ParityCheck
{
    /// <summary>The most rows <c>--check</c> generates for a detector of <paramref name="inputSize"/> values per row (one array holds them all).</summary>
    public static int MaxRows(int inputSize) => (int)Math.Min(ExportCommand.Settings.MaxCheckRows, Array.MaxLength / Math.Max(inputSize, 1));

    public static (double MaxRelativeDifference, double TorchRowsPerSecond, double OnnxRowsPerSecond) Run(MLContext ml, DeepSvddTransformer detector,
        string onnxPath, int rows, Action<string> write) =>
        Run(ml, detector, detector.Model.Network.Spec.InputShape.Length == 3,
            detector.Objective == DeepSvddObjective.SoftBoundary ? (double)detector.Radius * detector.Radius : 0,
            Scoring.ScoringBatch.Rows(detector.ScoringBatchSize, detector.Model.Network.Spec.NetworkInputSize, detector.Model.Device), onnxPath, rows, write);

    /// <summary>The check for any exported detector: <paramref name="image"/> draws pixels 0–255, <paramref name="offset"/> is the scale scores are compared relative to.</summary>
    public static (double MaxRelativeDifference, double TorchRowsPerSecond, double OnnxRowsPerSecond) Run(MLContext ml, DetectorTransformer detector,
        bool image, double offset, int batch, string onnxPath, int rows, Action<string> write)
    {
        var random = new Random(1);
        var values = new float[(long)rows * detector.InputSize];
        for (long i = 0; i < values.Length; i++) values[i] = image ? random.Next(256) : (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

        var view = RowsView(ml, detector, values, rows);
        var warmUp = RowsView(ml, detector, values.AsSpan(0, Math.Min(rows, batch) * detector.InputSize).ToArray(), Math.Min(rows, batch));
        using var session = new InferenceSession(onnxPath);
        var scores = new float[rows];
        _ = detector.Transform(warmUp).GetColumn<float>("Score").ToArray();
        Score(session, detector, values, 0, Math.Min(rows, batch), scores);

        // Two rounds, alternating, the better rate of each kept: a machine shared with other work slows whichever runs at a bad moment.
        float[] expected = [];
        double torchRate = 0, onnxRate = 0;
        for (int round = 0; round < 2; round++)
        {
            var watch = Stopwatch.StartNew();
            expected = detector.Transform(view).GetColumn<float>("Score").ToArray();
            torchRate = Math.Max(torchRate, rows / watch.Elapsed.TotalSeconds);
            watch.Restart();
            for (int start = 0; start < rows; start += batch) Score(session, detector, values, start, Math.Min(batch, rows - start), scores);
            onnxRate = Math.Max(onnxRate, rows / watch.Elapsed.TotalSeconds);
        }

        double worst = 0;
        for (int i = 0; i < rows; i++)
            worst = Math.Max(worst, Math.Abs(scores[i] - expected[i]) / Math.Max(Math.Max(Math.Abs(expected[i]), offset), 1e-12));
        write($"Check on {rows} random rows (batches of {batch}): largest relative score difference {worst:E2}; " +
            $"{(detector is DeepSvddTransformer ? "TorchSharp (Transform)" : "ML.NET (Transform)")} {torchRate:F0} rows/s, ONNX Runtime {onnxRate:F0} rows/s ({onnxRate / torchRate:F2}×).");
        if (detector is DeepSvddTransformer { HasAnomalyMap: true })
        {
            var (mapDifference, maskDifferences, pixels) = CompareMaps(session, detector, view, values, rows, batch);
            write($"Anomaly maps on the same rows: largest absolute difference {mapDifference:E2} (0.5 = the map threshold); " +
                $"predicted-mask pixels that differ: {maskDifferences:N0} of {pixels:N0}.");
        }
        return (worst, torchRate, onnxRate);
    }

    /// <summary>The largest absolute AnomalyMap difference and the PredictedMask pixels that differ between Transform and the ONNX graph.</summary>
    private static (double MapDifference, long MaskDifferences, long Pixels) CompareMaps(InferenceSession session, DetectorTransformer detector, IDataView view,
        float[] values, int rows, int batch)
    {
        var scored = detector.Transform(view);
        var maps = scored.GetColumn<VBuffer<float>>(DeepSvddTransformer.AnomalyMapColumnName).Select(v => v.DenseValues().ToArray()).ToList();
        var masks = scored.GetColumn<VBuffer<bool>>(DeepSvddTransformer.PredictedMaskColumnName).Select(v => v.DenseValues().ToArray()).ToList();
        double worst = 0;
        long differ = 0, pixels = 0;
        for (int start = 0; start < rows; start += batch)
        {
            int count = Math.Min(batch, rows - start);
            var input = new DenseTensor<float>(values.AsMemory(start * detector.InputSize, count * detector.InputSize), [count, detector.InputSize]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(detector.FeatureColumnName, input)]);
            var map = results.Single(r => r.Name == DeepSvddTransformer.AnomalyMapColumnName).AsTensor<float>().ToArray();
            var mask = results.Single(r => r.Name == DeepSvddTransformer.PredictedMaskColumnName).AsTensor<bool>().ToArray();
            int size = map.Length / count;
            for (int r = 0; r < count; r++)
            {
                for (int p = 0; p < size; p++)
                {
                    worst = Math.Max(worst, Math.Abs(map[r * size + p] - maps[start + r][p]));
                    if (mask[r * size + p] != masks[start + r][p]) differ++;
                }
                pixels += size;
            }
        }
        return (worst, differ, pixels);
    }

    private static void Score(InferenceSession session, DetectorTransformer detector, float[] values, int start, int count, float[] scores)
    {
        var input = new DenseTensor<float>(values.AsMemory(start * detector.InputSize, count * detector.InputSize), [count, detector.InputSize]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(detector.FeatureColumnName, input)]);
        results.Single(r => r.Name == "Score").AsTensor<float>().ToArray().CopyTo(scores, start);
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }

    private static IDataView RowsView(MLContext ml, DetectorTransformer detector, float[] values, int rows)
    {
        var definition = SchemaDefinition.Create(typeof(Row));
        var column = definition[nameof(Row.Features)];
        column.ColumnName = detector.FeatureColumnName;
        column.ColumnType = new VectorDataViewType(NumberDataViewType.Single, detector.InputSize);
        int size = detector.InputSize;
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(r => new Row { Features = values.AsSpan(r * size, size).ToArray() }), definition);
    }
}
