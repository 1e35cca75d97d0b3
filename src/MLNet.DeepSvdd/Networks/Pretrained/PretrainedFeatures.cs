namespace MLNet.DeepSvdd.Networks.Pretrained;

/// <summary>
/// The 512-dimensional pooled features of ML.NET's ImageNet ResNet-18 (the "CNN features" of the paper's shallow baselines, section V-B),
/// computed batched with TorchSharp from RGB rows of 3 × H × W values in 0–255. With <c>useMaxPool = false</c> the stem's max-pool is
/// skipped (Figure 2 of the paper); with a resolution, images are resized first (<see cref="ImageResize"/>). Inputs are reordered to BGR and the model's channel means subtracted, the rule of ML.NET's own
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

    public PretrainedFeatures(int height, int width, bool useMaxPool, Device? device = null, int? resolution = null)
    {
        Resolution = resolution is int side && (side != height || side != width) ? side : null;
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

    /// <summary>Values per input row: 3 · H · W.</summary>
    public int InputSize => shape[0] * shape[1] * shape[2];

    /// <summary>The side images are resized to before the network (<see cref="ImageResize"/>), or null for none.</summary>
    public int? Resolution { get; }

    /// <summary>Rows per forward pass for a requested <paramref name="batchSize"/>: on the CPU capped by <see cref="Scoring.ScoringBatch"/>.</summary>
    public int RowsPerPass(int batchSize) => Scoring.ScoringBatch.Rows(batchSize, Resolution is int side ? 3 * side * side : InputSize, device);

    /// <summary>
    /// Features of <paramref name="rows"/> (each 3·H·W RGB values), <paramref name="batchSize"/> rows per forward pass (on the CPU capped
    /// by <see cref="Scoring.ScoringBatch"/>, like every scoring pass).
    /// </summary>
    public float[][] Compute(IReadOnlyList<float[]> rows, int batchSize = DeepSvddTrainer.Defaults.ScoringBatchSize)
    {
        int size = InputSize;
        batchSize = RowsPerPass(batchSize);
        var result = new float[rows.Count][];
        var buffer = new float[Math.Min(batchSize, Math.Max(rows.Count, 1)) * size];
        var features = new float[buffer.Length / size * Dimension];
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
            Compute(buffer, n, features);
            for (int i = 0; i < n; i++) result[start + i] = features.AsSpan(i * Dimension, Dimension).ToArray();
        }
        return result;
    }

    /// <summary>
    /// Features of the first <paramref name="rows"/> rows of <paramref name="values"/> (rows of 3·H·W RGB values one after another) into
    /// <paramref name="features"/> (rows of <see cref="Dimension"/> values), in one forward pass: callers batch with <see cref="RowsPerPass"/>.
    /// </summary>
    public void Compute(float[] values, int rows, Span<float> features)
    {
        int size = InputSize;
        if ((long)rows * size > values.Length)
            throw new ArgumentException($"{rows} rows need {(long)rows * size} values; the buffer has {values.Length}.", nameof(values));
        if ((long)rows * Dimension > features.Length)
            throw new ArgumentException($"{rows} rows need {(long)rows * Dimension} feature values; the output has {features.Length}.", nameof(features));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = from_array(values).narrow(0, 0, (long)rows * size).view(rows, shape[0], shape[1], shape[2]).to(device);
        using var output = network.Features(ChannelsLast.Apply(ImageResize.Apply(x.flip(1).sub(mean), Resolution))).cpu();
        output.data<float>().CopyTo(features[..(rows * Dimension)]);
    }

    public void Dispose()
    {
        network.Dispose();
        mean.Dispose();
    }
}
