namespace MLNet.DeepSvdd;

/// <summary>
/// Which representation of an input the hypersphere is fitted to: one point per image (the paper's Deep SVDD), one point per spatial
/// position of the backbone's intermediate feature maps (patch-level Deep SVDD, as in FCDD, Liznerski et al. 2021), or both.
/// </summary>
public enum DeepSvddRepresentation
{
    /// <summary>
    /// Automatic: <see cref="PooledAndPatches"/> for the ResNets (the detector then finds both a wrong object and a small local defect, and
    /// can say where the defect is), <see cref="Pooled"/> for <see cref="DeepSvddNetwork.LeNet"/> and <see cref="DeepSvddNetwork.Mlp"/>,
    /// which have no intermediate feature maps to score.
    /// </summary>
    Auto = 0,

    /// <summary>
    /// The paper's Deep SVDD: the last stage's feature map is average-pooled over the whole image and projected to one point φ(x); the score is
    /// ‖φ(x) − c‖². A defect that covers a few percent of the image is averaged away.
    /// </summary>
    Pooled,

    /// <summary>
    /// Patch-level Deep SVDD (ResNets only): every spatial position of layer2's feature map, with layer3's upsampled to it and both averaged
    /// over 3×3 neighbourhoods, is projected by a 1×1 convolution to a point ψ(x)ᵢⱼ, and the objective and regularizer of the paper apply to
    /// every such point around one centre. The image's anomaly map is ‖ψ(x)ᵢⱼ − c‖², its score the map reduced by
    /// <see cref="DeepSvddTrainer.Options.PatchScoreReduction"/>. layer4 is not run.
    /// </summary>
    Patches,

    /// <summary>
    /// Both <see cref="Pooled"/> and <see cref="Patches"/>, trained together (each with its own centre, objective term and regularizer). The
    /// score adds the two scores, each divided by its mean on the training data, so that neither dominates; the anomaly map is the patch
    /// branch's.
    /// </summary>
    PooledAndPatches,
}
