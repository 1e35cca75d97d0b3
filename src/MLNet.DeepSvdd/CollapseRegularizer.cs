namespace MLNet.DeepSvdd;

/// <summary>
/// The regularizer added to the Deep SVDD loss to prevent hypersphere collapse (φ ≡ c), section IV of the paper.
/// </summary>
public enum CollapseRegularizer
{
    /// <summary>No regularizer: plain Deep SVDD. Collapse-safe only with <see cref="DeepSvddTrainer.Options.UseBias"/> = false.</summary>
    None,

    /// <summary>
    /// Noise injection (eq. 4): a linear head with <see cref="DeepSvddTrainer.Options.NoiseHeads"/> outputs on top of the features,
    /// trained with sigmoid cross-entropy on random binary labels redrawn at every iteration. The head is dropped after training.
    /// The paper's "D. SVDD w/ bias &amp; noise reg.".
    /// </summary>
    NoiseInjection,

    /// <summary>
    /// Hinge on the minibatch variance (eq. 5): max(0, d − mean per-dimension variance of the minibatch features), with the threshold d
    /// starting at <see cref="DeepSvddTrainer.Options.VarianceThreshold"/> and divided by 10 every
    /// <see cref="DeepSvddTrainer.Options.VarianceAnnealEpochs"/> epochs. The paper's "D. SVDD w/ bias &amp; σ² reg.".
    /// </summary>
    VarianceHinge,
}
