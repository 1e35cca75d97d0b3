using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Training;

/// <summary>
/// The hypersphere centre c: the mean representation of the training data from an initial forward pass (network in evaluation mode),
/// with Ruff et al.'s rule that entries closer to 0 than ε are pushed to −ε (negative entries) or +ε (the others, 0 included), so that a
/// network whose weights are all zero cannot reach c.
/// </summary>
internal static class HypersphereCenter
{
    /// <summary>Applies the ε rule to a mean representation.</summary>
    public static Tensor ApplyEpsilonRule(Tensor mean, double epsilon)
    {
        using var scope = NewDisposeScope();
        var pushed = where(mean.LessThan(0), HeldScalar.FullLike(mean, -epsilon), HeldScalar.FullLike(mean, epsilon));
        return where(mean.abs().LessThan(epsilon), pushed, mean).MoveToOuterDisposeScope();
    }

    /// <summary>The centre from the features of every training row (one pooled point per row), computed in batches.</summary>
    public static Tensor Compute(Func<Tensor, Tensor> features, Tensor data, int batchSize, double epsilon)
    {
        long dimension;
        using (var probe = features(data.narrow(0, 0, 1))) dimension = probe.shape[1];
        var branches = Compute((start, count) => features(data.narrow(0, start, count)), data.shape[0], batchSize, epsilon,
            RepresentationLayout.PooledOnly((int)dimension));
        return branches[0].Center;
    }

    /// <summary>
    /// The centre of every branch of <paramref name="layout"/> from the output rows produced batch by batch by
    /// <paramref name="outputs"/>(start, count) for rows [0, <paramref name="rows"/>), in one pass: each branch's centre is the mean of its
    /// points (one per row pooled, one per position patches) with the ε rule; also the mean squared distance of those points to the centre
    /// and their mean per-dimension (unbiased) variance, the state of the network before training (epoch 0). Pooled first.
    /// </summary>
    public static (Tensor Center, double MeanSquaredDistance, double FeatureVariance)[] Compute(Func<long, long, Tensor> outputs, long rows,
        int batchSize, double epsilon, RepresentationLayout layout)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var branches = layout.Branches;
        var sums = new Tensor?[branches.Count];
        var sumSquares = new Tensor?[branches.Count];
        var points = new long[branches.Count];
        for (long start = 0; start < rows; start += batchSize)
        {
            using var batchScope = NewDisposeScope();
            var output = outputs(start, Math.Min(batchSize, rows - start));
            for (int b = 0; b < branches.Count; b++)
            {
                var z = layout.Points(output, branches[b]);
                var batchSum = z.sum(dim: 0);
                var batchSquares = z.to(ScalarType.Float64).Squared().sum(dim: 0);
                if (sums[b] is null) { sums[b] = batchSum.MoveToOuterDisposeScope(); sumSquares[b] = batchSquares.MoveToOuterDisposeScope(); }
                else { sums[b]!.AddInPlace(batchSum); sumSquares[b]!.AddInPlace(batchSquares); }
                points[b] += z.shape[0];
            }
        }
        var result = new (Tensor, double, double)[branches.Count];
        for (int b = 0; b < branches.Count; b++)
        {
            long n = points[b];
            var mean = sums[b]!.DividedBy(n);
            var center = ApplyEpsilonRule(mean, epsilon);
            var mean64 = mean.to(ScalarType.Float64);
            var center64 = center.to(ScalarType.Float64);
            var meanSquares = sumSquares[b]!.DividedBy(n);
            double distance = meanSquares.sub(mean64.mul(center64).Times(2.0)).Plus(center64.Squared()).sum().item<double>();
            double variance = n > 1 ? meanSquares.sub(mean64.Squared()).Times(n / (n - 1.0)).AtLeast(0).mean().item<double>() : 0;
            result[b] = (center.MoveToOuterDisposeScope(), distance, variance);
        }
        return result;
    }
}
