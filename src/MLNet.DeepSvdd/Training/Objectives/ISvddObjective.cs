using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Training.Objectives;

/// <summary>An SVDD loss over the squared distances ‖φ(x) − c‖² of a minibatch.</summary>
internal interface ISvddObjective
{
    /// <summary>The minibatch loss. <paramref name="labels"/> holds the rows' labels (NaN = unlabeled) when training is semi-supervised.</summary>
    Tensor Loss(Tensor squaredDistances, Tensor? labels);

    /// <summary>Called after each optimizer step with the (detached) squared distances of the minibatch.</summary>
    void AfterStep(Tensor squaredDistances, int epoch);

    /// <summary>The current radius R (0 for objectives without one).</summary>
    double Radius { get; set; }
}
