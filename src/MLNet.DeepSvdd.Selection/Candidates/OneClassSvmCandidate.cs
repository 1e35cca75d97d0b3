namespace MLNet.DeepSvdd.Selection.Candidates;

/// <summary>
/// The RBF one-class SVM (package MLNet.DeepSvdd.Baselines) with ν and γ as given — γ either absolute (<see cref="OneClassSvmTrainer.Options.Gamma"/>)
/// or a multiple of scikit-learn's "scale" value (<see cref="OneClassSvmTrainer.Options.GammaScale"/>) — on a feature space.
/// </summary>
public sealed class OneClassSvmCandidate : ShallowCandidate
{
    private readonly OneClassSvmTrainer.Options options;

    /// <summary>A candidate with these options (copied; the feature column is set by the search).</summary>
    /// <param name="options">ν, γ and solver settings.</param>
    /// <param name="features">What the SVM reads. Default: the search's feature column.</param>
    /// <param name="inputResolution">For <see cref="FeatureSpace.ResNet18Features"/>: the image side before the network; null keeps the size.</param>
    /// <param name="name">Default: a summary of the settings.</param>
    public OneClassSvmCandidate(OneClassSvmTrainer.Options options, FeatureSpace features = FeatureSpace.Raw, int? inputResolution = null, string? name = null)
        : base(name ?? Describe(options ?? throw new ArgumentNullException(nameof(options)), features, inputResolution), features, inputResolution)
    {
        this.options = DetectorOptions.ValidatedCopy(options);
    }

    /// <inheritdoc/>
    public override string Family => "One-class SVM";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Parameters
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["nu"] = options.Nu.ToString("G3", CultureInfo.InvariantCulture),
                ["gamma"] = options.Gamma is { } gamma ? gamma.ToString("G4", CultureInfo.InvariantCulture)
                    : $"{options.GammaScale.ToString("G4", CultureInfo.InvariantCulture)} × scale",
            };
            AddFeatureSettings(settings);
            return settings;
        }
    }

    private protected override ITransformer FitDetector(MLContext ml, IDataView train, string featureColumn, int seed, CancellationToken cancellationToken)
    {
        var trial = (OneClassSvmTrainer.Options)options.Clone();
        trial.FeatureColumnName = featureColumn;
        return ml.AnomalyDetection.Trainers.OneClassSvm(trial).Fit(train, cancellationToken);
    }

    private static string Describe(OneClassSvmTrainer.Options o, FeatureSpace features, int? resolution)
    {
        string gamma = o.Gamma is { } g ? $"γ {g.ToString("G3", CultureInfo.InvariantCulture)}" : $"γ {Multiple(o.GammaScale)}·scale";
        string suffix = Suffix(features, resolution);
        return $"One-class SVM ν {o.Nu.ToString("G3", CultureInfo.InvariantCulture)}, {gamma}{suffix}";
    }

    /// <summary>1/16, 1/4, 1, 4, 16 rather than 0.0625.</summary>
    private static string Multiple(double m) => m < 1 && Math.Abs(1 / m - Math.Round(1 / m)) < 1e-9
        ? $"1/{Math.Round(1 / m).ToString(CultureInfo.InvariantCulture)}"
        : m.ToString("G3", CultureInfo.InvariantCulture);
}
