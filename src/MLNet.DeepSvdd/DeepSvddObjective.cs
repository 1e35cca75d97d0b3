namespace MLNet.DeepSvdd;

/// <summary>
/// Which Deep SVDD objective the network is trained with (Chong et al. 2020, section III).
/// </summary>
public enum DeepSvddObjective
{
    /// <summary>
    /// One-class objective (eq. 2): minimise the mean squared distance ‖φ(x) − c‖² of the training data to the centre c.
    /// With a label column it becomes the semi-supervised objective of eq. 3. Score = ‖φ(x) − c‖².
    /// This is the paper's default mode for most tables.
    /// </summary>
    OneClass,

    /// <summary>
    /// Soft-boundary objective (eq. 1): minimise R² + 1/(νn)·Σ max(0, ‖φ(x) − c‖² − R²), where the radius R is set to the
    /// (1 − ν) quantile of the minibatch distances at every iteration after <see cref="DeepSvddTrainer.Options.RadiusWarmUpEpochs"/>.
    /// Score = ‖φ(x) − c‖² − R², so a positive score lies outside the hypersphere.
    /// </summary>
    SoftBoundary,
}
