using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace MLNet.DeepSvdd.Tests.Onnx;

/// <summary>One small Deep SVDD configuration to export: a name, the trainer options and the shape of its rows.</summary>
public sealed record OnnxCase(string Name, int[] Shape, Action<DeepSvddTrainer.Options> Configure)
{
    public int Size => Shape.Aggregate(1, (a, b) => a * b);

    public override string ToString() => Name;
}

/// <summary>
/// The configurations the ONNX export is checked on (every network kind, with and without bias and the ResNet stem's max-pool, the
/// resize to <c>InputResolution</c> both ways, soft-boundary), tiny detectors fitted in one epoch on synthetic rows, and the scoring of an
/// exported model with ONNX Runtime alone.
/// </summary>
public static class OnnxCases
{
    private static readonly Dictionary<string, OnnxCase> All = new OnnxCase[]
    {
        new("Mlp, bias", [VectorRow.Size], o => o.Network = DeepSvddNetwork.Mlp),
        new("Mlp, no bias, soft-boundary", [VectorRow.Size], o =>
        {
            o.Network = DeepSvddNetwork.Mlp; o.UseBias = false; o.Objective = DeepSvddObjective.SoftBoundary; o.RadiusWarmUpEpochs = 0;
        }),
        new("LeNet, bias, 3x16x16", [3, 16, 16], o => o.Network = DeepSvddNetwork.LeNet),
        new("LeNet, no bias, 1x16x16", [1, 16, 16], o => { o.Network = DeepSvddNetwork.LeNet; o.UseBias = false; }),
        new("LeNet, 3x24x24 resized to 16 (antialiased)", [3, 24, 24], o => { o.Network = DeepSvddNetwork.LeNet; o.InputResolution = 16; }),
        new("LeNet, 3x20x28 resized to 24 (mixed)", [3, 20, 28], o => { o.Network = DeepSvddNetwork.LeNet; o.InputResolution = 24; }),
        // The ResNet cases are pooled models (Representation = Pooled; the default for images adds the patch branch, whose export
        // OnnxPatchExportParityTests checks).
        new("ResNet18, bias, max-pool", [3, 16, 16], o => { o.Network = DeepSvddNetwork.ResNet18; o.Representation = DeepSvddRepresentation.Pooled; }),
        new("ResNet18, no bias, no max-pool", [3, 16, 16], o =>
        {
            o.Network = DeepSvddNetwork.ResNet18; o.Representation = DeepSvddRepresentation.Pooled; o.UseBias = false; o.UseMaxPool = false;
        }),
        new("ResNet18Pretrained, no max-pool, soft-boundary, 3x16x16 resized to 20", [3, 16, 16], o =>
        {
            o.Network = DeepSvddNetwork.ResNet18Pretrained; o.Representation = DeepSvddRepresentation.Pooled; o.InputResolution = 20; o.UseMaxPool = false;
            o.Objective = DeepSvddObjective.SoftBoundary; o.RadiusWarmUpEpochs = 0;
        }),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> Names => new(All.Keys);

    public static OnnxCase Get(string name) => All[name];

    /// <summary>A detector of <paramref name="c"/> fitted in one epoch on 24 rows (CPU, seed 1, no collapse exception).</summary>
    public static DeepSvddTransformer Fit(MLContext ml, OnnxCase c)
    {
        var options = new DeepSvddTrainer.Options
        {
            Epochs = 1,
            BatchSize = 8,
            LearningRate = 1e-3f,
            HiddenLayers = [16, 8],
            RepresentationDimension = 8,
            NoiseHeads = 4,
            Seed = 1,
            Device = DeepSvddDevice.Cpu,
            ThrowOnCollapse = false,
            ImageShape = c.Shape.Length == 3 ? c.Shape : null,
        };
        c.Configure(options);
        return ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(SmallDetectors.View(ml, Rows(c, 24, seed: 1), c.Size));
    }

    /// <summary>
    /// Rows of the case's shape: for vectors the synthetic subspace problem, half of them anomalies; for images 0–255 pixels with a
    /// vertical gradient, noise and a bright square at a random place (every fourth image with a dark stripe instead).
    /// </summary>
    public static float[][] Rows(OnnxCase c, int count, int seed)
    {
        if (c.Shape.Length == 1) return new SyntheticData(seed).MixedRows(count).Select(r => r.Features).ToArray();
        int channels = c.Shape[0], height = c.Shape[1], width = c.Shape[2];
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var values = new float[c.Size];
            int bx = random.Next(width - 4), by = random.Next(height - 4);
            for (int ch = 0; ch < channels; ch++)
                for (int r = 0; r < height; r++)
                    for (int col = 0; col < width; col++)
                    {
                        bool square = r >= by && r < by + 4 && col >= bx && col < bx + 4;
                        float value = (float)(30 * ch + 180 * (1 - r / (double)height) + 40 * random.NextDouble());
                        if (i % 4 == 3 && col == bx) value = 0;
                        values[(ch * height + r) * width + col] = square ? 255f : value;
                    }
            return values;
        }).ToArray();
    }

    /// <summary>The exported model's bytes.</summary>
    public static byte[] Export(MLContext ml, ITransformer model)
    {
        using var stream = new MemoryStream();
        ml.Model.ExportDeepSvddToOnnx(model, stream);
        return stream.ToArray();
    }

    /// <summary>Scores <paramref name="rows"/> with ONNX Runtime alone, in one batch: Score and PredictedLabel per row.</summary>
    public static (float[] Scores, bool[] Labels) RunOnnx(byte[] onnx, string inputName, IReadOnlyList<float[]> rows)
    {
        int size = rows[0].Length;
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new InferenceSession(onnx, options);
        var input = new DenseTensor<float>(rows.SelectMany(r => r).ToArray(), [rows.Count, size]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)]);
        var scores = results.Single(r => r.Name == "Score").AsTensor<float>();
        var labels = results.Single(r => r.Name == "PredictedLabel").AsTensor<bool>();
        scores.Dimensions.ToArray().Should().Equal(rows.Count, 1);
        labels.Dimensions.ToArray().Should().Equal(rows.Count, 1);
        return (scores.ToArray(), labels.ToArray());
    }

    /// <summary>
    /// The largest relative difference between two score vectors: |a − b| / max(|b|, R²) (for soft-boundary scores ‖φ − c‖² − R², whose
    /// value can be near 0, relative to the squared distance's own scale); infinite scores must match exactly.
    /// </summary>
    public static double MaxRelativeError(float[] actual, float[] expected, double offset)
    {
        actual.Length.Should().Be(expected.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (float.IsInfinity(expected[i]) || float.IsNaN(expected[i]))
            {
                actual[i].Should().Be(expected[i], $"row {i} is not finite in the transformer's scores");
                continue;
            }
            double scale = Math.Max(Math.Max(Math.Abs(expected[i]), offset), 1e-12);
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / scale);
        }
        return worst;
    }
}
