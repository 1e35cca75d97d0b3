namespace MLNet.DeepSvdd.Selection.Candidates;

/// <summary>
/// A shallow detector on a <see cref="FeatureSpace"/>: the features are computed once per search and shared by every shallow candidate that
/// reads them; the selected model starts with the fitted feature transform, so it scores the search's input rows directly.
/// </summary>
public abstract class ShallowCandidate : DetectorCandidate
{
    private protected ShallowCandidate(string name, FeatureSpace features, int? inputResolution) : base(name)
    {
        if (inputResolution is < 16) throw new ArgumentOutOfRangeException(nameof(inputResolution), inputResolution, "The input resolution must be at least 16 pixels.");
        Features = features;
        InputResolution = inputResolution;
    }

    /// <summary>What the detector reads: the input column, ResNet-18 features or pixel PCA.</summary>
    public FeatureSpace Features { get; }

    /// <summary>For <see cref="FeatureSpace.ResNet18Features"/>: the side images are resized to before the network; null keeps their size.</summary>
    public int? InputResolution { get; }

    /// <summary>The feature-space entries of <see cref="DetectorCandidate.Parameters"/>.</summary>
    private protected void AddFeatureSettings(IDictionary<string, string> settings)
    {
        settings["features"] = Features.ToString();
        if (Features == FeatureSpace.ResNet18Features && InputResolution is { } resolution)
            settings["inputResolution"] = resolution.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>" on ResNet-18 features 128px", " on pixel PCA" or "", for candidate names.</summary>
    private protected static string Suffix(FeatureSpace features, int? inputResolution) => features switch
    {
        FeatureSpace.ResNet18Features => " on ResNet-18 features" + (inputResolution is { } r ? $" {r}px" : ""),
        FeatureSpace.PixelPca => " on pixel PCA",
        _ => "",
    };

    internal sealed override TrialFit Fit(TrialContext context, int? epochs, CancellationToken cancellationToken)
    {
        var views = context.Features.Get(Features, InputResolution);
        var detector = FitDetector(context.Ml, views.Train, views.Column, context.Seed, cancellationToken);
        var scores = TrialRunner.Scores(detector.Transform(views.Validation));
        ITransformer model = views.Featurizer is { } featurizer ? new TransformerChain<ITransformer>(featurizer, detector) : detector;
        return new TrialFit(model, scores, null, null);
    }

    /// <summary>Fits the detector on <paramref name="train"/>'s <paramref name="featureColumn"/>.</summary>
    private protected abstract ITransformer FitDetector(MLContext ml, IDataView train, string featureColumn, int seed, CancellationToken cancellationToken);
}
