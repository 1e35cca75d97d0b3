namespace MLNet.DeepSvdd.Scoring;

/// <summary>
/// The fitted detector as tensors: the network φ (evaluation mode), the centre c and the radius R on one device.
/// Score(x) = ‖φ(x) − c‖² (one-class) or ‖φ(x) − c‖² − R² (soft-boundary). Safe to use from several threads at once.
/// </summary>
internal sealed class ScoringModel : IBatchScorer, IDisposable
{
    public ScoringModel(FeatureMap network, Tensor center, double radius, DeepSvddObjective objective, Device device)
    {
        Network = network;
        Network.to(device);
        Network.eval();
        Center = center.detach().to(device).clone().DetachFromDisposeScope();
        Radius = radius;
        Objective = objective;
        Device = device;
    }

    public FeatureMap Network { get; }

    public Tensor Center { get; }

    public double Radius { get; }

    public DeepSvddObjective Objective { get; }

    public Device Device { get; }

    public int InputSize => Network.Spec.InputSize;

    /// <summary>The score offset: R² for soft-boundary, 0 for one-class.</summary>
    public double Offset => Objective == DeepSvddObjective.SoftBoundary ? Radius * Radius : 0;

    /// <summary>Scores for a batch of flat rows already on the device.</summary>
    public Tensor Scores(Tensor batch)
    {
        using var scope = NewDisposeScope();
        return ScoresOfFeatures(Network.forward(batch), Center, Offset).MoveToOuterDisposeScope();
    }

    private static Tensor ScoresOfFeatures(Tensor features, Tensor center, double offset)
    {
        using var scope = NewDisposeScope();
        var d = features.sub(center).square().sum(1);
        return (offset == 0 ? d : d.sub(offset)).MoveToOuterDisposeScope();
    }

    /// <summary>Scores <paramref name="rows"/> flat rows held in <paramref name="values"/> (one tensor per call, not per row).</summary>
    public void Score(float[] values, int rows, Span<float> scores)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var batch = values.Length == rows * InputSize
            ? tensor(values, [rows, InputSize])
            : tensor(values.AsSpan(0, rows * InputSize).ToArray(), [rows, InputSize]);
        var result = Scores(batch.to(Device)).cpu();
        result.data<float>().CopyTo(scores[..rows]);
    }

    /// <summary>Scores every row of a device tensor in batches; also returns the mean per-dimension variance of the features.</summary>
    public (float[] Scores, double MeanFeatureVariance) ScoreAll(Tensor data, int batchSize) =>
        ScoreAll(Network, Center, Offset, data, batchSize);

    /// <summary>
    /// Scores every row of a device tensor in batches with a network in evaluation mode (score = ‖φ(x) − c‖² − offset);
    /// also returns the mean per-dimension (unbiased) variance of the features over all rows.
    /// </summary>
    public static (float[] Scores, double MeanFeatureVariance) ScoreAll(FeatureMap network, Tensor center, double offset, Tensor data, int batchSize) =>
        ScoreAll((start, count) => network.forward(data.narrow(0, start, count)), data.shape[0], center, offset, batchSize);

    /// <summary>
    /// As above, for features produced batch by batch by <paramref name="features"/>(start, count) for rows [0, <paramref name="rows"/>)
    /// (the caller puts the network in evaluation mode).
    /// </summary>
    public static (float[] Scores, double MeanFeatureVariance) ScoreAll(Func<long, long, Tensor> features, long rows, Tensor center, double offset,
        int batchSize)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var scores = new float[rows];
        Tensor? sum = null, sumSquares = null;
        for (long start = 0; start < rows; start += batchSize)
        {
            using var batchScope = NewDisposeScope();
            long count = Math.Min(batchSize, rows - start);
            var raw = features(start, count);
            ScoresOfFeatures(raw, center, offset).cpu().data<float>().CopyTo(scores.AsSpan((int)start, (int)count));
            var f = raw.to(ScalarType.Float64);
            var s = f.sum(dim: 0);
            var s2 = f.square().sum(dim: 0);
            if (sum is null) { sum = s.MoveToOuterDisposeScope(); sumSquares = s2.MoveToOuterDisposeScope(); }
            else { sum.add_(s); sumSquares!.add_(s2); }
        }
        double variance = 0;
        if (rows > 1)
        {
            var mean = sum!.div(rows);
            variance = sumSquares!.div(rows).sub(mean.square()).mul(rows / (rows - 1.0)).clamp_min(0).mean().item<double>();
        }
        return (scores, variance);
    }

    /// <summary>The mean squared entry of <paramref name="center"/>: the scale the collapse check compares the feature variance with.</summary>
    public static double MeanSquare(Tensor center)
    {
        using var scope = NewDisposeScope();
        return center.square().mean().item<float>();
    }

    public float[] CenterValues()
    {
        using var scope = NewDisposeScope();
        return Center.cpu().data<float>().ToArray();
    }

    public void Dispose()
    {
        Network.Dispose();
        Center.Dispose();
    }
}
