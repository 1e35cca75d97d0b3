namespace MLNet.DeepSvdd.Training.Objectives;

/// <summary>
/// An SVDD loss over the squared distances ‖φ(x) − c‖² of a minibatch. Only the soft-boundary objective also has a radius R
/// (<see cref="SoftBoundaryObjective.Radius"/>): the one-class and semi-supervised objectives describe the hypersphere by its centre alone.
/// </summary>
internal interface ISvddObjective
{
    /// <summary>The minibatch loss. <paramref name="labels"/> holds the rows' labels (NaN = unlabeled) when training is semi-supervised.</summary>
    Tensor Loss(Tensor squaredDistances, Tensor? labels);
}
