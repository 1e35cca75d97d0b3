using MLNet.DeepSvdd.Runtime;
using Microsoft.ML.Runtime;

namespace MLNet.DeepSvdd.Selection;

/// <summary>
/// AutoML-style model selection for one-class anomaly detection: trains the candidates of a <see cref="SearchSpace"/> (Deep SVDD settings and
/// shallow baselines) on normal training rows under a trial and time budget, judges each by ROC AUC on labeled validation rows, and returns the
/// best model, kept as trained, with a <see cref="Leaderboard"/>. Collapsed, diverged or failed trials are recorded and never selected.
/// Create it with <c>mlContext.AnomalyDetection.Trainers.DetectorSearch(options)</c>.
/// </summary>
public sealed partial class DetectorSearch : IEstimator<SelectedDetector>
{
    private readonly MLContextAccess context;
    private readonly Options options;

    internal DetectorSearch(MLContextAccess context, Options options)
    {
        options.Validate();
        this.context = context;
        this.options = options.Clone();
    }

    /// <summary>Runs the search on <paramref name="input"/> (normal rows). To be able to cancel, use <see cref="Fit(IDataView, CancellationToken)"/>.</summary>
    /// <exception cref="NoUsableDetectorException">No trial produced a detector that can be selected.</exception>
    public SelectedDetector Fit(IDataView input) => Fit(input, CancellationToken.None);

    /// <summary>
    /// Runs the search; stops with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled (within one
    /// minibatch of a Deep SVDD trial). The time budget, unlike a cancellation, ends the search with the best trial so far.
    /// </summary>
    /// <exception cref="NoUsableDetectorException">No trial produced a detector that can be selected.</exception>
    public SelectedDetector Fit(IDataView input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        var validation = options.ValidationSet!;
        var feature = FeatureColumn.Resolve(input.Schema, options.FeatureColumnName, null, "training data");
        var validationFeature = FeatureColumn.Resolve(validation.Schema, options.FeatureColumnName, null, "ValidationSet");
        if (validationFeature.Size != feature.Size)
            throw new ArgumentException($"ValidationSet's feature column '{feature.Name}' has {validationFeature.Size} values per row; the training data has {feature.Size}.",
                nameof(Options.ValidationSet));
        var labels = LabelColumn.Read(validation, options.LabelColumnName, "ValidationSet");
        FiniteFeatures.Check(validation, validationFeature.Name, "ValidationSet");
        int anomalies = labels.Count(a => a);
        if (anomalies == 0 || anomalies == labels.Length)
            throw new ArgumentException($"ValidationSet needs normal rows and anomalies to compute a ROC AUC; its label column '{options.LabelColumnName}' has " +
                $"{anomalies} anomalies among {labels.Length} rows.", nameof(Options.ValidationSet));
        bool[]? testLabels = null;
        if (options.TestSet is { } test)
        {
            var testFeature = FeatureColumn.Resolve(test.Schema, options.FeatureColumnName, null, "TestSet");
            if (testFeature.Size != feature.Size)
                throw new ArgumentException($"TestSet's feature column '{feature.Name}' has {testFeature.Size} values per row; the training data has {feature.Size}.",
                    nameof(Options.TestSet));
            testLabels = LabelColumn.Read(test, options.LabelColumnName, "TestSet");
            FiniteFeatures.Check(test, testFeature.Name, "TestSet");
            if (testLabels.All(a => a) || !testLabels.Any(a => a))
                throw new ArgumentException($"TestSet needs normal rows and anomalies; its label column '{options.LabelColumnName}' has only one class.", nameof(Options.TestSet));
        }

        FiniteFeatures.Check(input, feature.Name, "training data");
        var space = options.SearchSpace ?? DefaultSpace(feature);
        var host = context.Environment.Register("DetectorSearch");
        int seed = options.Seed ?? host.Rand.Next();
        using var channel = host.Start("Search");
        // The trials run in an MLContext of their own, seeded with the search's seed and on the caller's device settings; its log goes to the
        // caller's MLContext through this channel, and it counts as cancelled once the caller's MLContext is (checked at every minibatch of a
        // trial, and between trials).
        var ml = new MLContext(seed) { GpuDeviceId = context.GpuDeviceId, FallbackToCpu = context.FallbackToCpu };
        ml.Log += (_, e) =>
        {
            if (e.Kind is Microsoft.ML.Runtime.ChannelMessageKind.Info or Microsoft.ML.Runtime.ChannelMessageKind.Warning or Microsoft.ML.Runtime.ChannelMessageKind.Error)
                channel.Info(MessageSensitivity.None, $"[{e.Source}] {e.Message}");
        };
        MLContextAccess.LinkCancellation(ml, context);
        var run = new SearchRun(ml, options, space, seed, input, validation, feature.Name, labels, channel);
        try
        {
            return run.Execute(testLabels, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && context.IsCanceled)
        {
            throw new OperationCanceledException("The detector search was cancelled: the MLContext was cancelled.");
        }
    }

    /// <summary>The input schema plus <c>Score</c> (Single) and <c>PredictedLabel</c> (Boolean); checks the feature column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        DetectorOutputShape.CheckFeatureColumn(inputSchema, options.FeatureColumnName);
        return DetectorOutputShape.WithScoreColumns(inputSchema);
    }

    /// <summary>The default space for the feature column: images (a [C, H, W] shape with 1 or 3 channels) or plain vectors.</summary>
    private static SearchSpace DefaultSpace(FeatureColumn feature) =>
        feature.IsImage && feature.Shape[0] is 1 or 3 && feature.Shape[1] >= 8 && feature.Shape[2] >= 8
            ? SearchSpace.ForImages(channels: feature.Shape[0])
            : SearchSpace.ForVectors();
}
