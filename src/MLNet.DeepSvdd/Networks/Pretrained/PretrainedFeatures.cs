using MLNet.DeepSvdd.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Networks.Pretrained;

/// <summary>
/// The 512-dimensional pooled features of ML.NET's ImageNet ResNet-18 (the "CNN features" of the paper's shallow baselines, section V-B),
/// computed batched with TorchSharp from RGB rows of 3 × H × W values in 0–255. With <c>useMaxPool = false</c> the stem's max-pool is
/// skipped (Figure 2 of the paper). Inputs are reordered to BGR and the model's channel means subtracted, the rule of ML.NET's own
/// preprocessing for this network.
/// </summary>
internal sealed class PretrainedFeatures : IDisposable
{
    /// <summary>Length of a feature row.</summary>
    public const int Dimension = 512;

    private readonly ResNet network;
    private readonly Tensor mean;
    private readonly Device device;
    private readonly int[] shape;

    public PretrainedFeatures(int height, int width, bool useMaxPool, Device? device = null)
    {
        TorchRuntime.EnsureLoaded();
        this.device = device ?? DeviceSelector.Default();
        shape = [3, height, width];
        network = new ResNet(3, ResNet18ImageNet.Blocks, Dimension, bias: true, useMaxPool);
        string onnx = ResNet18ImageNet.Locate(null);
        var weights = ResNet18ImageNet.Load(onnx);
        try { PretrainedWeights.LoadChecked(network, weights, onnx); }
        finally { foreach (var t in weights.Values) t.Dispose(); }
        network.to(this.device);
        network.eval();
        mean = tensor(ResNet18ImageNet.BgrChannelMeans).view(1, 3, 1, 1).to(this.device);
    }

    /// <summary>
    /// Features of <paramref name="rows"/> (each 3·H·W RGB values), <paramref name="batchSize"/> rows per forward pass (on the CPU capped
    /// by <see cref="Scoring.ScoringBatch"/>, like every scoring pass).
    /// </summary>
    public float[][] Compute(IReadOnlyList<float[]> rows, int batchSize = 256)
    {
        int size = shape[0] * shape[1] * shape[2];
        batchSize = Scoring.ScoringBatch.Rows(batchSize, size, device);
        var result = new float[rows.Count][];
        var buffer = new float[Math.Min(batchSize, Math.Max(rows.Count, 1)) * size];
        using var noGrad = no_grad();
        for (int start = 0; start < rows.Count; start += batchSize)
        {
            int n = Math.Min(batchSize, rows.Count - start);
            for (int i = 0; i < n; i++)
            {
                var row = rows[start + i];
                if (row.Length != size)
                    throw new ArgumentException($"Row {start + i} has {row.Length} values; expected {size} (3 × {shape[1]} × {shape[2]} RGB).", nameof(rows));
                row.CopyTo(buffer, i * size);
            }
            using var scope = NewDisposeScope();
            var x = from_array(buffer).narrow(0, 0, (long)n * size).view(n, shape[0], shape[1], shape[2]).to(device);
            var features = network.Features(ChannelsLast.Apply(x.flip(1).sub(mean))).cpu();
            var flat = features.data<float>().ToArray();
            for (int i = 0; i < n; i++) result[start + i] = flat.AsSpan(i * Dimension, Dimension).ToArray();
        }
        return result;
    }

    public void Dispose()
    {
        network.Dispose();
        mean.Dispose();
    }
}
