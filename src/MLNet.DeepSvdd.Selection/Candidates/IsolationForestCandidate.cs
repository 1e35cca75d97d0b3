namespace MLNet.DeepSvdd.Selection.Candidates;

/// <summary>Isolation Forest (package MLNet.DeepSvdd.Baselines) with the given trees and sub-sample size, on a feature space.</summary>
public sealed class IsolationForestCandidate : ShallowCandidate
{
    private readonly IsolationForestTrainer.Options options;

    /// <summary>A candidate with these options (copied; the feature column is set by the search, and the seed unless the options set one).</summary>
    /// <param name="options">Trees, sub-sample size, depth.</param>
    /// <param name="features">What the forest reads. Default: the search's feature column.</param>
    /// <param name="inputResolution">For <see cref="FeatureSpace.ResNet18Features"/>: the image side before the network; null keeps the size.</param>
    /// <param name="name">Default: a summary of the settings.</param>
    public IsolationForestCandidate(IsolationForestTrainer.Options options, FeatureSpace features = FeatureSpace.Raw, int? inputResolution = null, string? name = null)
        : base(name ?? Describe(options ?? throw new ArgumentNullException(nameof(options)), features, inputResolution), features, inputResolution)
    {
        this.options = DetectorOptions.ValidatedCopy(options);
    }

    /// <inheritdoc/>
    public override string Family => "Isolation Forest";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Parameters
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["trees"] = options.NumberOfTrees.ToString(CultureInfo.InvariantCulture),
                ["sampleSize"] = options.SampleSize.ToString(CultureInfo.InvariantCulture),
            };
            AddFeatureSettings(settings);
            return settings;
        }
    }

    private protected override ITransformer FitDetector(MLContext ml, IDataView train, string featureColumn, int seed, CancellationToken cancellationToken)
    {
        var trial = (IsolationForestTrainer.Options)options.Clone();
        trial.FeatureColumnName = featureColumn;
        trial.Seed ??= seed;
        return ml.AnomalyDetection.Trainers.IsolationForest(trial).Fit(train, cancellationToken);
    }

    private static string Describe(IsolationForestTrainer.Options o, FeatureSpace features, int? resolution)
    {
        string suffix = Suffix(features, resolution);
        return $"Isolation Forest {o.NumberOfTrees} trees × {o.SampleSize}{suffix}";
    }
}
