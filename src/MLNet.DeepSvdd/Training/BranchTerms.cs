using MLNet.DeepSvdd.Training.Objectives;
using MLNet.DeepSvdd.Training.Regularizers;
using MLNet.DeepSvdd.Training.Weighting;

namespace MLNet.DeepSvdd.Training;

/// <summary>
/// One branch's part of the loss (<see cref="RepresentationLayout"/>): its centre c_b, L_svdd over its points (with its own radius in
/// soft-boundary mode), its own collapse regularizer on the same points and its own weight c_t, so that
/// L = Σ_b (L_svdd,b + c_t,b · L_reg,b). A pooled model has one branch, and the loss is exactly the paper's. Owns what it holds.
/// </summary>
/// <param name="Branch">Which representation.</param>
/// <param name="Center">c_b.</param>
/// <param name="Objective">L_svdd,b.</param>
/// <param name="Regularizer">L_reg,b, or null.</param>
/// <param name="Weight">c_t,b, or null without a regularizer.</param>
internal sealed record BranchTerms(RepresentationBranch Branch, Tensor Center, ISvddObjective Objective, ICollapseRegularizerLoss? Regularizer,
    IRegularizerWeight? Weight) : IDisposable
{
    /// <summary>The soft-boundary radius R_b so far; 0 for objectives without one.</summary>
    public double Radius => (Objective as SoftBoundaryObjective)?.Radius ?? 0;

    public void Dispose()
    {
        Center.Dispose();
        Regularizer?.Dispose();
        Weight?.Dispose();
    }
}
