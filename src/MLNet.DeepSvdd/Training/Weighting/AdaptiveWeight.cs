using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Training.Weighting;

/// <summary>
/// The adaptive weighting scheme (eq. 7): c_t = α·c_{t−1} + β(1 − α)·L_svdd/L_reg, with c_0 = 0 and both losses detached.
/// It is kept as a tensor on the training device, so no step waits for the device.
/// When L_reg is zero (the variance hinge is inactive) the ratio is undefined and c_t = c_{t−1}: the paper is silent here, and dividing by
/// a tiny number would leave a huge weight for the next iteration in which the hinge becomes active.
/// </summary>
internal sealed class AdaptiveWeight : IRegularizerWeight
{
    /// <summary>Below this, L_reg counts as zero.</summary>
    public const double ZeroLoss = 1e-12;

    private Tensor weight;

    public AdaptiveWeight(double alpha, double beta, Device device)
    {
        Alpha = alpha;
        Beta = beta;
        weight = zeros([], ScalarType.Float32, device).DetachFromDisposeScope();
    }

    public double Alpha { get; }

    public double Beta { get; }

    public double Current => weight.item<float>();

    public Tensor Next(Tensor svddLoss, Tensor regularizerLoss)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var lsvdd = svddLoss.detach();
        var lreg = regularizerLoss.detach();
        var active = lreg.GreaterThan(ZeroLoss);
        var ratio = lsvdd / where(active, lreg, ones_like(lreg));
        var next = where(active, weight.Times(Alpha).Plus(ratio.Times(Beta * (1 - Alpha))), weight);
        weight.Dispose();
        weight = next.DetachFromDisposeScope();
        return weight;
    }

    public void Dispose() => weight.Dispose();
}
