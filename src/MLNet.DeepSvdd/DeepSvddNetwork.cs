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

    /// <summary>
    /// ResNet-18 in torchvision's layout ({2, 2, 2, 2} basic blocks), randomly initialised or loaded from a PyTorch state dict /
    /// safetensors file given in <see cref="DeepSvddTrainer.Options.PretrainedWeightsPath"/>, then global average pooling and a linear
    /// projection to the representation. Input: a 3-channel image.
    /// </summary>
    ResNet18,

    /// <summary>
    /// The ImageNet-pretrained ResNet-18 that ML.NET ships (NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18; stages of
    /// {2, 2, 2, 3} blocks), fine-tuned as in the paper (section V-B), then global average pooling and a linear projection to the
    /// representation. The weights are imported from the package's ONNX file at first use and cached. Input: a 3-channel image.
    /// </summary>
    ResNet18Pretrained,
}
