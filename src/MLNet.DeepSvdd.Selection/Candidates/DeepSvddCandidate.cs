namespace MLNet.DeepSvdd.Selection.Candidates;

/// <summary>
/// A Deep SVDD configuration to try. The search sets the feature column, the validation set (so each trial keeps its best validation epoch),
/// the seed (unless <see cref="DeepSvddTrainer.Options.Seed"/> is set), the epochs of a successive-halving round, and
/// <c>ThrowOnCollapse = false</c> (a collapsed trial is recorded, not thrown); every other option is used as given.
/// </summary>
public sealed class DeepSvddCandidate : DetectorCandidate
{
    private readonly DeepSvddTrainer.Options options;

    /// <summary>A candidate with these options (copied); <paramref name="name"/> defaults to a summary of the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the same checks as the trainer's).</exception>
    public DeepSvddCandidate(DeepSvddTrainer.Options options, string? name = null)
        : base(name ?? Describe(options ?? throw new ArgumentNullException(nameof(options))))
    {
        // Validated as the trainer validates them and copied once; the caller's object is never changed, and Options hands out copies.
        this.options = DetectorOptions.ValidatedCopy(options);
    }

    /// <summary>A copy of the candidate's options.</summary>
    public DeepSvddTrainer.Options Options => (DeepSvddTrainer.Options)options.Clone();

    /// <inheritdoc/>
    public override string Family => "Deep SVDD";

    /// <inheritdoc/>
    public override int? Epochs => options.Epochs;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Parameters => Settings(options);

    internal override TrialFit Fit(TrialContext context, int? epochs, CancellationToken cancellationToken)
    {
        var trial = Options;
        trial.FeatureColumnName = context.FeatureColumn;
        trial.Epochs = epochs ?? options.Epochs;
        trial.ValidationSet = context.Validation;
        trial.ValidationLabelColumnName = context.LabelColumn;
        trial.Seed ??= context.Seed;
        trial.ThrowOnCollapse = false;
        var model = context.Ml.AnomalyDetection.Trainers.DeepSvdd(trial).Fit(context.Train, cancellationToken);
        var scores = TrialRunner.Scores(model.Transform(context.Validation));
        var report = model.Report;
        return new TrialFit(model, scores, report.SelectedEpoch, report.Collapse.IsCollapsed ? report.Collapse.Reason : null);
    }

    private static Dictionary<string, string> Settings(DeepSvddTrainer.Options o)
    {
        var settings = new Dictionary<string, string>
        {
            ["network"] = o.Network.ToString(),
            ["objective"] = o.Objective.ToString(),
            ["regularizer"] = o.Regularizer.ToString(),
            ["useBias"] = o.UseBias ? "true" : "false",
            ["learningRate"] = o.LearningRate is { } rate ? Text(rate) : "default",
            ["epochs"] = o.Epochs.ToString(CultureInfo.InvariantCulture),
        };
        if (o.Regularizer == CollapseRegularizer.NoiseInjection) settings["noiseHeads"] = o.NoiseHeads.ToString(CultureInfo.InvariantCulture);
        if (o.Regularizer == CollapseRegularizer.VarianceHinge) settings["varianceThreshold"] = Text(o.VarianceThreshold);
        if (o.InputResolution is { } resolution) settings["inputResolution"] = resolution.ToString(CultureInfo.InvariantCulture);
        if (o.FreezeThrough is { } freeze) settings["freezeThrough"] = freeze.ToString();
        if (o.Representation != DeepSvddRepresentation.Auto) settings["representation"] = o.Representation.ToString();
        if (o.RepresentationDimension is { } dimension) settings["representationDimension"] = dimension.ToString(CultureInfo.InvariantCulture);
        return settings;
    }

    /// <summary>A short name such as "Deep SVDD ResNet18Pretrained 128px, layer3 frozen, noise k=64, bias, lr default".</summary>
    private static string Describe(DeepSvddTrainer.Options o)
    {
        var parts = new List<string> { $"Deep SVDD {o.Network}" + (o.InputResolution is { } r ? $" {r}px" : "") };
        if (o.FreezeThrough is { } freeze) parts.Add(freeze == BackboneStage.None ? "all layers trained" : $"{freeze.ToString().ToLowerInvariant()} frozen");
        if (o.Objective != DeepSvddObjective.OneClass) parts.Add(o.Objective.ToString());
        if (o.Representation != DeepSvddRepresentation.Auto) parts.Add(o.Representation switch
        {
            DeepSvddRepresentation.Patches => "patches",
            DeepSvddRepresentation.PooledAndPatches => "pooled and patches",
            _ => "pooled",
        });
        parts.Add(o.Regularizer switch
        {
            CollapseRegularizer.NoiseInjection => $"noise k={o.NoiseHeads}",
            CollapseRegularizer.VarianceHinge => "σ² hinge",
            _ => "no regularizer",
        });
        parts.Add(o.UseBias ? "bias" : "no bias");
        parts.Add(o.LearningRate is { } rate ? $"lr {Text(rate)}" : "lr default");
        return string.Join(", ", parts);
    }

    private static string Text(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
