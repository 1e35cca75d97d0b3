using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// <c>deepsvdd export --check N</c>: scores N random rows of a detector's input shape (pixels uniform in 0–255 for images, standard normal
/// values for vectors) with the detector's <c>Transform</c> (TorchSharp) and with the exported ONNX file in ONNX Runtime, in batches of
/// the same size, and reports the largest relative score difference (relative to max(|score|, R²)) and the rows per second of each
/// (after one warm-up batch each; the better of two alternating rounds).
/// </summary>
internal static class ParityCheck
{
    public static (double MaxRelativeDifference, double TorchRowsPerSecond, double OnnxRowsPerSecond) Run(MLContext ml, DeepSvddTransformer detector,
        string onnxPath, int rows, Action<string> write)
    {
        var random = new Random(1);
        bool image = detector.Model.Network.Spec.InputShape.Length == 3;
        var values = new float[(long)rows * detector.InputSize];
        for (long i = 0; i < values.Length; i++) values[i] = image ? random.Next(256) : (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        int batch = Scoring.ScoringBatch.Rows(detector.ScoringBatchSize, detector.Model.Network.Spec.NetworkInputSize, detector.Model.Device);

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

        double offset = detector.Objective == DeepSvddObjective.SoftBoundary ? (double)detector.Radius * detector.Radius : 0, worst = 0;
        for (int i = 0; i < rows; i++)
            worst = Math.Max(worst, Math.Abs(scores[i] - expected[i]) / Math.Max(Math.Max(Math.Abs(expected[i]), offset), 1e-12));
        write($"Check on {rows} random rows (batches of {batch}): largest relative score difference {worst:E2}; " +
            $"TorchSharp (Transform) {torchRate:F0} rows/s, ONNX Runtime {onnxRate:F0} rows/s ({onnxRate / torchRate:F2}×).");
        return (worst, torchRate, onnxRate);
    }

    private static void Score(InferenceSession session, DeepSvddTransformer detector, float[] values, int start, int count, float[] scores)
    {
        var input = new DenseTensor<float>(values.AsMemory(start * detector.InputSize, count * detector.InputSize), [count, detector.InputSize]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(detector.FeatureColumnName, input)]);
        results.Single(r => r.Name == "Score").AsTensor<float>().ToArray().CopyTo(scores, start);
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }

    private static IDataView RowsView(MLContext ml, DeepSvddTransformer detector, float[] values, int rows)
    {
        var definition = SchemaDefinition.Create(typeof(Row));
        var column = definition[nameof(Row.Features)];
        column.ColumnName = detector.FeatureColumnName;
        column.ColumnType = new VectorDataViewType(NumberDataViewType.Single, detector.InputSize);
        int size = detector.InputSize;
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(r => new Row { Features = values.AsSpan(r * size, size).ToArray() }), definition);
    }
}
