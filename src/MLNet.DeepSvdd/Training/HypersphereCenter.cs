using static TorchSharp.torch;

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
        var pushed = where(mean.lt(0), full_like(mean, -epsilon), full_like(mean, epsilon));
        return where(mean.abs().lt(epsilon), pushed, mean).MoveToOuterDisposeScope();
    }

    /// <summary>The centre from the features of every training row, computed in batches.</summary>
    public static Tensor Compute(Func<Tensor, Tensor> features, Tensor data, int batchSize, double epsilon)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long rows = data.shape[0];
        Tensor? sum = null;
        for (long start = 0; start < rows; start += batchSize)
        {
            using var batchScope = NewDisposeScope();
            var batchSum = features(data.narrow(0, start, Math.Min(batchSize, rows - start))).sum(dim: 0);
            sum = sum is null ? batchSum.MoveToOuterDisposeScope() : sum.add_(batchSum);
        }
        return ApplyEpsilonRule(sum!.div(rows), epsilon).MoveToOuterDisposeScope();
    }
}
