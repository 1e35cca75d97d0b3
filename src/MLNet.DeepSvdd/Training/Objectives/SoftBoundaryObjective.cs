using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Training.Objectives;

/// <summary>
/// The soft-boundary Deep SVDD objective (eq. 1): R² + (1/ν)·mean(max(0, d − R²)), d = ‖φ(x) − c‖². The only objective with a radius R
/// of the hypersphere. R gets no gradient: it is 0 for the first <c>warmUpEpochs</c> epochs, then <see cref="UpdateRadius"/> sets it after
/// every step to the (1 − ν) quantile of √d over the minibatch (linear interpolation, as numpy's default), as in Ruff et al.'s implementation.
/// </summary>
internal sealed class SoftBoundaryObjective(double nu, int warmUpEpochs) : ISvddObjective
{
    public double Nu { get; } = nu;

    /// <summary>The radius R of the hypersphere (0 until the warm-up epochs are over).</summary>
    public double Radius { get; set; }

    public Tensor Loss(Tensor squaredDistances, Tensor? labels)
    {
        using var scope = NewDisposeScope();
        double r2 = Radius * Radius;
        var loss = nn.functional.relu(squaredDistances.Minus(r2)).mean().DividedBy(Nu).Plus(r2);
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Called after each optimizer step with the (detached) squared distances of the minibatch and the 0-based epoch: from epoch
    /// <c>warmUpEpochs</c> on, R becomes their <see cref="RadiusOf">(1 − ν) quantile</see>; before that it stays as it is.
    /// </summary>
    public void UpdateRadius(Tensor squaredDistances, int epoch)
    {
        if (epoch < warmUpEpochs) return;
        Radius = RadiusOf(squaredDistances, Nu);
    }

    /// <summary>The (1 − ν) quantile of √d (linear interpolation between order statistics).</summary>
    public static double RadiusOf(Tensor squaredDistances, double nu)
    {
        using var scope = NewDisposeScope();
        using var q = tensor(1.0 - nu, dtype: ScalarType.Float32, device: squaredDistances.device);
        return squaredDistances.detach().to(ScalarType.Float32).sqrt().quantile(q, dim: 0).item<float>();
    }
}
