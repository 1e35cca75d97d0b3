namespace MLNet.DeepSvdd.Selection.Candidates;

/// <summary>
/// Any ML.NET anomaly detector as a candidate: a factory that, given the search's MLContext, feature column and seed, returns an estimator whose
/// fitted model adds a Single <c>Score</c> column (higher = more anomalous), such as ML.NET's randomized PCA trainer or a whole pipeline. Its
/// collapse check is the search's own: all validation scores equal.
/// </summary>
public sealed class EstimatorCandidate : DetectorCandidate
{
    private readonly Func<MLContext, string, int, IEstimator<ITransformer>> factory;
    private readonly IReadOnlyDictionary<string, string> parameters;

    /// <summary>A candidate named <paramref name="name"/>.</summary>
    /// <param name="name">The leaderboard name.</param>
    /// <param name="factory">(mlContext, featureColumnName, seed) → the estimator to fit on the training rows.</param>
    /// <param name="family">The family shown in the leaderboard. Default "Custom".</param>
    /// <param name="parameters">Settings to show in the leaderboard. Default none.</param>
    public EstimatorCandidate(string name, Func<MLContext, string, int, IEstimator<ITransformer>> factory, string family = "Custom",
        IReadOnlyDictionary<string, string>? parameters = null) : base(name)
    {
        this.factory = factory ?? throw new ArgumentNullException(nameof(factory));
        Family = string.IsNullOrWhiteSpace(family) ? "Custom" : family;
        this.parameters = parameters ?? new Dictionary<string, string>();
    }

    /// <inheritdoc/>
    public override string Family { get; }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Parameters => parameters;

    internal override TrialFit Fit(TrialContext context, int? epochs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var estimator = factory(context.Ml, context.FeatureColumn, context.Seed)
            ?? throw new InvalidOperationException($"The factory of candidate '{Name}' returned no estimator.");
        var model = estimator.Fit(context.Train);
        return new TrialFit(model, TrialRunner.Scores(model.Transform(context.Validation)), null, null);
    }
}
