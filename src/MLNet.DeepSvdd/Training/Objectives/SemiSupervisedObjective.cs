using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Training.Objectives;

/// <summary>
/// The semi-supervised one-class objective (eq. 3, Deep SAD): over a minibatch of n unlabeled and m labeled rows,
/// (1/(n+m))·[Σ_unlabeled d + η·Σ_labeled d^ỹ], with d = ‖φ(x) − c‖², ỹ = +1 for a labeled normal row and ỹ = −1 for a labeled anomaly
/// (so anomalies are pushed away: d^−1 = 1/d). Labels follow ML.NET's convention: NaN = unlabeled, 0 = normal, &gt; 0 = anomaly.
/// A small ε = 1e-6 is added to d before inverting, as in Ruff et al.'s implementation. Like the one-class objective it has no radius.
/// </summary>
internal sealed class SemiSupervisedObjective(double eta) : ISvddObjective
{
    public const double InverseEpsilon = 1e-6;

    public double Eta { get; } = eta;

    public Tensor Loss(Tensor squaredDistances, Tensor? labels)
    {
        if (labels is null) return squaredDistances.mean();
        using var scope = NewDisposeScope();
        var unlabeled = labels.isnan();
        var anomaly = labels.GreaterThan(0);
        var labeledTerm = where(anomaly, squaredDistances.Plus(InverseEpsilon).reciprocal(), squaredDistances).Times(Eta);
        var perRow = where(unlabeled, squaredDistances, labeledTerm);
        return perRow.mean().MoveToOuterDisposeScope();
    }
}
