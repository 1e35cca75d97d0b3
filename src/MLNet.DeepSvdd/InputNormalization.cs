namespace MLNet.DeepSvdd;

/// <summary>
/// How the trainer normalises its input before the network. The statistics are computed on the training data and stored in the model,
/// so scoring applies exactly the same transformation.
/// </summary>
public enum InputNormalization
{
    /// <summary><see cref="Standardize"/>.</summary>
    Auto,

    /// <summary>The values are fed to the network unchanged (for data the pipeline has already normalised).</summary>
    None,

    /// <summary>
    /// Subtract the training mean and divide by the training standard deviation: per feature for plain vectors, per channel for images.
    /// Constant features are left unscaled.
    /// </summary>
    Standardize,
}
