namespace MLNet.DeepSvdd;

/// <summary>
/// The checks of <see cref="DeepSvddTrainer.Options"/>, in the style every detector shares (<see cref="OptionChecks"/>): each names the
/// option, its allowed range and the value given. The feature column is checked by <see cref="DetectorOptions"/> itself.
/// </summary>
internal static class OptionsValidation
{
    public static void Validate(DeepSvddTrainer.Options o)
    {
        OptionChecks.NullOrColumnName(o.LabelColumnName, nameof(o.LabelColumnName));
        OptionChecks.Defined(o.Objective, nameof(o.Objective));
        OptionChecks.Defined(o.Regularizer, nameof(o.Regularizer));
        OptionChecks.Defined(o.Weighting, nameof(o.Weighting));
        OptionChecks.Defined(o.Network, nameof(o.Network));
        OptionChecks.Defined(o.Device, nameof(o.Device));
        OptionChecks.Defined(o.InputNormalization, nameof(o.InputNormalization));
        OptionChecks.InRange(o.Nu, 0, 1, nameof(o.Nu));
        OptionChecks.Positive(o.Eta, nameof(o.Eta));
        OptionChecks.AtLeast(o.NoiseHeads, 1, nameof(o.NoiseHeads));
        OptionChecks.Positive(o.VarianceThreshold, nameof(o.VarianceThreshold));
        OptionChecks.AtLeast(o.VarianceAnnealEpochs, 1, nameof(o.VarianceAnnealEpochs));
        OptionChecks.InClosedRange(o.Alpha, 0, 1, nameof(o.Alpha));
        OptionChecks.InClosedRange(o.Beta, 0, 1, nameof(o.Beta));
        if (o.RepresentationDimension is < 1) OptionChecks.Fail(nameof(o.RepresentationDimension), "must be null (automatic) or ≥ 1", o.RepresentationDimension);
        if (o.HiddenLayers is null || o.HiddenLayers.Any(w => w < 1))
        {
            OptionChecks.Fail(nameof(o.HiddenLayers), "must be a list of widths, each ≥ 1",
                o.HiddenLayers is null ? "null" : $"[{string.Join(", ", o.HiddenLayers)}]");
        }
        OptionChecks.AtLeast(o.Epochs, 1, nameof(o.Epochs));
        OptionChecks.AtLeast(o.BatchSize, 2, nameof(o.BatchSize), "BatchNorm and the minibatch variance need two rows");
        if (o.LearningRate is { } lr && (!(lr > 0) || double.IsInfinity(lr)))
            OptionChecks.Fail(nameof(o.LearningRate), "must be null (automatic) or a finite number > 0", lr);
        OptionChecks.Positive(o.HeadLearningRate, nameof(o.HeadLearningRate));
        OptionChecks.NonNegative(o.WeightDecay, nameof(o.WeightDecay));
        OptionChecks.AtLeast(o.RadiusWarmUpEpochs, 0, nameof(o.RadiusWarmUpEpochs));
        OptionChecks.NonNegative(o.CenterEpsilon, nameof(o.CenterEpsilon));
        OptionChecks.NonNegative(o.CollapseTolerance, nameof(o.CollapseTolerance));
        if (o.InputResolution is { } r && (r < 8 || r > 4096))
            OptionChecks.Fail(nameof(o.InputResolution), "must be null (automatic) or a side in pixels from 8 to 4096", r);
        if (o.FreezeThrough is { } f) OptionChecks.Defined(f, nameof(o.FreezeThrough));
        OptionChecks.AtLeast(o.FrozenActivationCacheMegabytes, 0, nameof(o.FrozenActivationCacheMegabytes), "0 disables the cache");
        OptionChecks.AtLeast(o.ScoringBatchSize, 1, nameof(o.ScoringBatchSize));
        if (o.LabelColumnName is not null && o.Objective == DeepSvddObjective.SoftBoundary)
        {
            throw new ArgumentException(
                $"Semi-supervised training (LabelColumnName = '{o.LabelColumnName}') is defined for the one-class objective only (eq. 3 of the paper). " +
                "Set Objective = DeepSvddObjective.OneClass, or LabelColumnName = null for unsupervised soft-boundary training.", nameof(o.LabelColumnName));
        }
    }
}
