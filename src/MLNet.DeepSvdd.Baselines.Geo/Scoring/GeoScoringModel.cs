using MLNet.DeepSvdd.Scoring;

namespace MLNet.DeepSvdd.Baselines.Geo.Scoring;

/// <summary>
/// The fitted GEO detector as tensors: the transformation classifier (evaluation mode), the 72 index maps and the Dirichlet parameters
/// α_t of each transformation t, on one device. For an image x, with y_t = softmax(classifier(T_t(x))), the normality score of Golan &amp;
/// El-Yaniv is n(x) = Σ_t Σ_k (α_tk − 1) · log y_tk (the Dirichlet log-densities up to a constant); <c>Score</c> = −n(x), so higher =
/// more anomalous. Safe to use from several threads at once.
/// </summary>
internal sealed class GeoScoringModel : IBatchScorer, IDisposable
{
    /// <summary>Rows (each × 72 transformations) per forward pass of the classifier, at most.</summary>
    private const int MaxRowsPerForward = 8;

    private readonly Tensor table;
    private readonly Tensor alphaMinusOne;

    public GeoScoringModel(FeatureMap network, GeometricTransformations transformations, int[] imageShape, double[] alpha, Device device)
    {
        if (alpha.Length != GeometricTransformations.Count * GeometricTransformations.Count)
            throw new ArgumentException($"GEO needs {GeometricTransformations.Count}² Dirichlet parameters; got {alpha.Length}.", nameof(alpha));
        Network = network;
        Network.to(device);
        Network.eval();
        Transformations = transformations;
        ImageShape = imageShape;
        Alpha = alpha;
        Device = device;
        table = transformations.SourceTable(device).DetachFromDisposeScope();
        alphaMinusOne = tensor(alpha.Select(a => (float)(a - 1)).ToArray(), [GeometricTransformations.Count, GeometricTransformations.Count])
            .to(device).DetachFromDisposeScope();
    }

    public FeatureMap Network { get; }

    public GeometricTransformations Transformations { get; }

    public int[] ImageShape { get; }

    /// <summary>α as a flat [72 transformations × 72 classes] array.</summary>
    public double[] Alpha { get; }

    public Device Device { get; }

    public int InputSize => ImageShape.Aggregate(1, (a, b) => a * b);

    /// <summary>log softmax of the classifier on all 72 transformations of each row of <paramref name="batch"/>: [N, 72 (t), 72 (k)].</summary>
    public Tensor LogProbabilities(Tensor batch) => LogProbabilities(Network, Transformations, table, batch);

    /// <summary>
    /// log softmax of <paramref name="network"/> on all 72 transformations of each row of <paramref name="batch"/>: [N, 72 (t), 72 (k)];
    /// <paramref name="table"/> is <see cref="GeometricTransformations.SourceTable"/> on the batch's device.
    /// </summary>
    public static Tensor LogProbabilities(FeatureMap network, GeometricTransformations transformations, Tensor table, Tensor batch)
    {
        using var scope = NewDisposeScope();
        long n = batch.shape[0];
        var transformed = transformations.ApplyAll(batch, table);
        var logits = network.forward(transformed);
        return nn.functional.log_softmax(logits, 1).view(n, GeometricTransformations.Count, GeometricTransformations.Count).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Rows per forward pass for images of <paramref name="inputSize"/> values: up to <see cref="MaxRowsPerForward"/>, fewer where
    /// <see cref="ScoringBatch"/> caps the 72 transformed images of a row on the CPU (one row per pass at 224 px).
    /// </summary>
    public static int RowsPerForward(int inputSize, Device device) =>
        Math.Max(1, ScoringBatch.Rows(MaxRowsPerForward * GeometricTransformations.Count, inputSize, device) / GeometricTransformations.Count);

    /// <summary>Scores (−n(x)) of the rows of a device tensor, <see cref="RowsPerForward"/> rows per forward pass.</summary>
    public float[] ScoreAll(Tensor data)
    {
        using var noGrad = no_grad();
        long rows = data.shape[0];
        int perForward = RowsPerForward(InputSize, Device);
        var scores = new float[rows];
        for (long start = 0; start < rows; start += perForward)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(perForward, rows - start);
            var logP = LogProbabilities(data.narrow(0, start, count));
            logP.mul(alphaMinusOne).sum([1, 2]).neg().cpu().data<float>().CopyTo(scores.AsSpan((int)start, (int)count));
        }
        return scores;
    }

    /// <summary>Scores <paramref name="rows"/> flat rows held in <paramref name="values"/> (one tensor per call, not per row).</summary>
    public void Score(float[] values, int rows, Span<float> scores)
    {
        using var scope = NewDisposeScope();
        var batch = values.Length == rows * InputSize
            ? tensor(values, [rows, InputSize])
            : tensor(values.AsSpan(0, rows * InputSize).ToArray(), [rows, InputSize]);
        ScoreAll(batch.to(Device)).AsSpan().CopyTo(scores[..rows]);
    }

    public void Dispose()
    {
        Network.Dispose();
        table.Dispose();
        alphaMinusOne.Dispose();
    }
}
