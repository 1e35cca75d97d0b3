namespace MLNet.DeepSvdd;

/// <summary>
/// The network φ that maps an input to its representation.
/// </summary>
public enum DeepSvddNetwork
{
    /// <summary>
    /// Chosen from the feature column alone, the same on every machine: <see cref="ResNet18Pretrained"/> for a 3-channel image [3, H, W],
    /// <see cref="LeNet"/> for other images [C, H, W] (the image shape from the column's vector dimensions, as ExtractPixels produces, or
    /// from <see cref="DeepSvddTrainer.Options.ImageShape"/>), <see cref="Mlp"/> for plain vectors and images smaller than 8×8. For
    /// <see cref="ResNet18Pretrained"/> the weights come from the package Microsoft.ML.DnnImageFeaturizer.ResNet18, a dependency of
    /// MLNet.DeepSvdd that copies its ResNet18.onnx next to the application; when that file cannot be found (nor
    /// <see cref="DeepSvddTrainer.Options.PretrainedWeightsPath"/>), Fit throws <see cref="System.IO.FileNotFoundException"/> saying
    /// what to install or set, rather than training another network.
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
