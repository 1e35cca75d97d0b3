using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Training.Regularizers;

/// <summary>A regularizer loss against hypersphere collapse, computed from the minibatch features φ(x).</summary>
internal interface ICollapseRegularizerLoss : IDisposable
{
    /// <summary>The regularizer loss L_reg for the minibatch features at the given epoch (0-based).</summary>
    Tensor Loss(Tensor features, int epoch);

    /// <summary>Trainable parameters of the regularizer itself (the noise head), trained at the head learning rate.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Moves the regularizer's state to the training device.</summary>
    void To(Device device);

    /// <summary>Switches between training and evaluation mode.</summary>
    void Train(bool on);
}
