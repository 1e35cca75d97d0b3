namespace MLNet.DeepSvdd;

/// <summary>Checks <see cref="DeepSvddTrainer.Options"/> up front, naming the option and its allowed range in every message.</summary>
internal static class OptionsValidation
{
    public static void Validate(DeepSvddTrainer.Options o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (string.IsNullOrWhiteSpace(o.FeatureColumnName)) Fail(nameof(o.FeatureColumnName), "must name a column", o.FeatureColumnName);
        if (o.LabelColumnName is { } l && string.IsNullOrWhiteSpace(l)) Fail(nameof(o.LabelColumnName), "must be null or name a column", l);
        Defined(o.Objective, nameof(o.Objective));
        Defined(o.Regularizer, nameof(o.Regularizer));
        Defined(o.Weighting, nameof(o.Weighting));
        Defined(o.Network, nameof(o.Network));
        Defined(o.Device, nameof(o.Device));
        Defined(o.InputNormalization, nameof(o.InputNormalization));
        if (!(o.Nu > 0 && o.Nu <= 1)) Fail(nameof(o.Nu), "must be in (0, 1]", o.Nu);
        if (!(o.Eta > 0) || float.IsInfinity(o.Eta)) Fail(nameof(o.Eta), "must be a finite number > 0", o.Eta);
        if (o.NoiseHeads < 1) Fail(nameof(o.NoiseHeads), "must be ≥ 1", o.NoiseHeads);
        if (!(o.VarianceThreshold > 0) || float.IsInfinity(o.VarianceThreshold)) Fail(nameof(o.VarianceThreshold), "must be a finite number > 0", o.VarianceThreshold);
        if (o.VarianceAnnealEpochs < 1) Fail(nameof(o.VarianceAnnealEpochs), "must be ≥ 1", o.VarianceAnnealEpochs);
        if (!(o.Alpha >= 0 && o.Alpha <= 1)) Fail(nameof(o.Alpha), "must be in [0, 1]", o.Alpha);
        if (!(o.Beta >= 0 && o.Beta <= 1)) Fail(nameof(o.Beta), "must be in [0, 1]", o.Beta);
        if (o.RepresentationDimension is < 1) Fail(nameof(o.RepresentationDimension), "must be null (automatic) or ≥ 1", o.RepresentationDimension);
        if (o.HiddenLayers is null || o.HiddenLayers.Any(w => w < 1)) Fail(nameof(o.HiddenLayers), "must be a list of widths, each ≥ 1", o.HiddenLayers is null ? "null" : $"[{string.Join(", ", o.HiddenLayers)}]");
        if (o.Epochs < 1) Fail(nameof(o.Epochs), "must be ≥ 1", o.Epochs);
        if (o.BatchSize < 2) Fail(nameof(o.BatchSize), "must be ≥ 2 (BatchNorm and the minibatch variance need two rows)", o.BatchSize);
        if (o.LearningRate is { } lr && (!(lr > 0) || float.IsInfinity(lr))) Fail(nameof(o.LearningRate), "must be null (automatic) or a finite number > 0", lr);
        if (!(o.HeadLearningRate > 0) || float.IsInfinity(o.HeadLearningRate)) Fail(nameof(o.HeadLearningRate), "must be a finite number > 0", o.HeadLearningRate);
        if (!(o.WeightDecay >= 0) || float.IsInfinity(o.WeightDecay)) Fail(nameof(o.WeightDecay), "must be a finite number ≥ 0", o.WeightDecay);
        if (o.RadiusWarmUpEpochs < 0) Fail(nameof(o.RadiusWarmUpEpochs), "must be ≥ 0", o.RadiusWarmUpEpochs);
        if (!(o.CenterEpsilon >= 0) || float.IsInfinity(o.CenterEpsilon)) Fail(nameof(o.CenterEpsilon), "must be a finite number ≥ 0", o.CenterEpsilon);
        if (!(o.CollapseTolerance >= 0) || double.IsInfinity(o.CollapseTolerance)) Fail(nameof(o.CollapseTolerance), "must be a finite number ≥ 0", o.CollapseTolerance);
        if (o.InputResolution is { } r && (r < 8 || r > 4096)) Fail(nameof(o.InputResolution), "must be null (automatic) or a side in pixels from 8 to 4096", r);
        if (o.FreezeThrough is { } f) Defined(f, nameof(o.FreezeThrough));
        if (o.FrozenActivationCacheMegabytes < 0) Fail(nameof(o.FrozenActivationCacheMegabytes), "must be ≥ 0 (0 disables the cache)", o.FrozenActivationCacheMegabytes);
        if (o.ScoringBatchSize < 1) Fail(nameof(o.ScoringBatchSize), "must be ≥ 1", o.ScoringBatchSize);
        if (o.LabelColumnName is not null && o.Objective == DeepSvddObjective.SoftBoundary)
        {
            throw new ArgumentException(
                $"Semi-supervised training (LabelColumnName = '{o.LabelColumnName}') is defined for the one-class objective only (eq. 3 of the paper). " +
                "Set Objective = DeepSvddObjective.OneClass, or LabelColumnName = null for unsupervised soft-boundary training.", nameof(o.LabelColumnName));
        }
    }

    private static void Defined<T>(T value, string name) where T : struct, Enum
    {
        if (!Enum.IsDefined(value)) Fail(name, $"must be one of {string.Join(", ", Enum.GetNames<T>())}", value);
    }

    private static void Fail(string option, string rule, object? value) =>
        throw new ArgumentOutOfRangeException(option, value, $"Option {option} {rule}; got {value ?? "null"}.");
}
