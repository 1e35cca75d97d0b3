namespace MLNet.DeepSvdd.Training.Objectives;

/// <summary>
/// The one-class Deep SVDD objective (eq. 2): the mean squared distance to the centre. It has no radius. Weight decay lives in the optimizer.
/// </summary>
internal sealed class OneClassObjective : ISvddObjective
{
    public Tensor Loss(Tensor squaredDistances, Tensor? labels) => squaredDistances.mean();
}
