namespace MLNet.DeepSvdd;

/// <summary>
/// Which representation of an input the hypersphere is fitted to: one point per image (the paper's Deep SVDD), one point per spatial
/// position of the backbone's intermediate feature maps (patch-level Deep SVDD, as in FCDD, Liznerski et al. 2021), or both.
/// </summary>
public enum DeepSvddRepresentation
{
    /// <summary>
    /// Automatic: <see cref="DeepSvddTrainer.Options.DefaultImageRepresentation"/> (<see cref="PooledAndPatches"/>) for the ResNets,
    /// <see cref="Pooled"/> for <see cref="DeepSvddNetwork.LeNet"/> and <see cref="DeepSvddNetwork.Mlp"/>, which have no intermediate feature
    /// maps to score.
    /// </summary>
    Auto = 0,

    /// <summary>
    /// The paper's Deep SVDD: the last stage's feature map is average-pooled over the whole image and projected to one point φ(x); the score is
    /// ‖φ(x) − c‖². A defect that covers a few percent of the image is averaged away.
    /// </summary>
    Pooled,

    /// <summary>
    /// Patch-level Deep SVDD (ResNets only): every spatial position of layer1's feature map (stride 4: 32×32 positions of 64 channels for a
    /// 128 px network input; models saved before 2026-12-07 use layer2's), averaged over 3×3 neighbourhoods, is projected
    /// by a 1×1 convolution to a point ψ(x)ᵢⱼ, and the objective and regularizer of the paper apply to
    /// every such point around one centre. The projection starts as the whitening of the training patches (Mahalanobis distances at epoch 0).
    /// The image's anomaly map is ‖ψ(x)ᵢⱼ − c‖², its score the map reduced by <see cref="DeepSvddTrainer.Options.PatchScoreReduction"/>.
    /// The stages after layer1 are not run.
    /// </summary>
    Patches,

    /// <summary>
    /// Both <see cref="Pooled"/> and <see cref="Patches"/>, trained together (each with its own centre, objective term, regularizer and c_t).
    /// Each branch's score is standardised by its mean and standard deviation on the training rows, and the image score is the larger of the
    /// two; with a <see cref="DeepSvddTrainer.Options.ValidationSet"/> the branches that take part (both, pooled, patches) are chosen by
    /// validation AUC. The anomaly map is the patch branch's.
    /// </summary>
    PooledAndPatches,
}
