using MLNet.DeepSvdd.Runtime;
using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Training.Regularizers;

/// <summary>
/// Hinge on the minibatch variance (eq. 5): max(0, d_t − 1/(p(n−1))·Σ_q Σ_i (φ_iq − φ̄_q)²), the mean over the p feature dimensions of
/// the unbiased minibatch variance. The threshold is annealed: d_t = d₀ / 10^⌊epoch / r⌋.
/// </summary>
internal sealed class VarianceHinge(double initialThreshold, int annealEpochs) : ICollapseRegularizerLoss
{
    public double InitialThreshold { get; } = initialThreshold;

    public int AnnealEpochs { get; } = annealEpochs;

    /// <summary>The threshold d_t at a 0-based epoch: d₀ divided by 10 every r epochs.</summary>
    public double ThresholdAt(int epoch) => InitialThreshold / Math.Pow(10, epoch / AnnealEpochs);

    public Tensor Loss(Tensor features, int epoch)
    {
        using var scope = NewDisposeScope();
        var variance = features.var(dim: 0, unbiased: true).mean();
        return nn.functional.relu(variance.neg().Plus(ThresholdAt(epoch))).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<Parameter> Parameters => [];

    public void To(Device device) { }

    public void Train(bool on) { }

    public void Dispose() { }
}
