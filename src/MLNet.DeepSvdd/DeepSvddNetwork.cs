namespace MLNet.DeepSvdd;

/// <summary>
/// The network φ that maps an input to its representation.
/// </summary>
public enum DeepSvddNetwork
{
    /// <summary>
    /// Chosen from the feature column: <see cref="LeNet"/> when the input has an image shape [C, H, W] (from the column's vector
    /// dimensions, as ExtractPixels produces, or from <see cref="DeepSvddTrainer.Options.ImageShape"/>), otherwise <see cref="Mlp"/>.
    /// </summary>
    Auto,

    /// <summary>
    /// A multilayer perceptron for plain feature vectors: for every entry of <see cref="DeepSvddTrainer.Options.HiddenLayers"/> a linear layer,
    /// BatchNorm and LeakyReLU(0.01), then a linear layer to <see cref="DeepSvddTrainer.Options.RepresentationDimension"/>.
    /// </summary>
    Mlp,

    /// <summary>
    /// The CIFAR-10 LeNet-type network of the original Deep SVDD (Ruff et al. 2018): three blocks of 5×5 convolution (32, 64, 128 channels,
    /// padding 2), BatchNorm, LeakyReLU(0.01) and 2×2 max-pooling, then a linear layer to the representation. Needs an image shape [C, H, W]
    /// with H and W at least 8.
    /// </summary>
    LeNet,
}
