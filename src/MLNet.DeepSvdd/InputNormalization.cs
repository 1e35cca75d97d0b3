namespace MLNet.DeepSvdd;

/// <summary>
/// How the trainer normalises its input before the network. The statistics are computed on the training data and stored in the model,
/// so scoring applies exactly the same transformation.
/// </summary>
public enum InputNormalization
{
    /// <summary>
    /// What the network expects: <see cref="ImageNetBgrMean"/> for <see cref="DeepSvddNetwork.ResNet18Pretrained"/>,
    /// <see cref="ImageNet"/> for <see cref="DeepSvddNetwork.ResNet18"/>, <see cref="Standardize"/> otherwise.
    /// </summary>
    Auto,

    /// <summary>The values are fed to the network unchanged (for data the pipeline has already normalised).</summary>
    None,

    /// <summary>
    /// Subtract the training mean and divide by the training standard deviation: per feature for plain vectors, per channel for images.
    /// Constant features are left unscaled.
    /// </summary>
    Standardize,

    /// <summary>
    /// torchvision's ImageNet normalisation of RGB pixels in 0–255: (x/255 − (0.485, 0.456, 0.406)) / (0.229, 0.224, 0.225).
    /// </summary>
    ImageNet,

    /// <summary>
    /// The rule of ML.NET's pretrained ResNet-18 (a CNTK model): RGB pixels in 0–255 are reordered to BGR and the per-channel means of
    /// its preprocessing mean image (B 103.06, G 115.90, R 123.15) are subtracted; no scaling.
    /// </summary>
    ImageNetBgrMean,
}
