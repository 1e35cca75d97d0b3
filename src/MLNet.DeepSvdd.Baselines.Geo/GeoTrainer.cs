using MLNet.DeepSvdd.Data;
using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Baselines.Geo;

/// <summary>
/// GEO (Golan &amp; El-Yaniv 2018, "Deep anomaly detection using geometric transformations") as an ML.NET anomaly-detection trainer.
/// Create it with <c>mlContext.AnomalyDetection.Trainers.Geo(...)</c>. <c>Fit</c> trains a classifier (TorchSharp; by
/// default the ImageNet-pretrained ResNet-18 with a 72-way head) to recognise which of 72 geometric transformations
/// (<see cref="GeometricTransformations"/>) was applied to a normal image, then fits one Dirichlet per transformation to its softmax
/// outputs on the transformed training images. Images the classifier finds "unfamiliar" get low Dirichlet likelihood; the returned
/// <see cref="GeoTransformer"/> scores Score = −Σ_t log-density (higher = more anomalous).
/// </summary>
public sealed partial class GeoTrainer : DetectorTrainer<GeoTrainer.Options, GeoTransformer>
{
    internal GeoTrainer(MLContextAccess context, Options options)
        : base(context, options, "GEO", "Geo")
    {
    }

    /// <summary>
    /// Trains on the (normal) images of the setup's input; cancellation is checked at least once per minibatch.
    /// </summary>
    /// <exception cref="ArgumentException">The feature column is missing, not a square image, or the data has fewer than 2 rows.</exception>
    /// <exception cref="InvalidOperationException">The scores came out constant: the classifier learned nothing to tell images apart.</exception>
    private protected override GeoTransformer FitDetector(FitSetup setup)
    {
        var feature = setup.Feature;
        if (!feature.IsImage || feature.Shape[1] != feature.Shape[2])
        {
            throw new ArgumentException($"GEO needs square images, but feature column '{feature.Name}' has shape [{string.Join(", ", feature.Shape)}]. " +
                "Resize to a square (ResizeImages with equal width and height) before ExtractPixels, or set ImageShape = [C, H, H] for flat pixels.",
                "input");
        }
        int size = feature.Shape[1];
        int shift = Settings.Shift ?? GeometricTransformations.DefaultShift(size);
        if (shift >= size) throw new ArgumentOutOfRangeException(nameof(Options.Shift), shift, $"Option Shift must be below the image side {size}; got {shift}.");
        var transformations = new GeometricTransformations(size, shift);
        // GEO classifies the images at their own size (no resize), with biases and a 72-way head.
        var resolved = NetworkResolver.Resolve(new NetworkRequest(Settings.Network, Settings.PretrainedWeightsPath, Settings.InputNormalization,
            UseBias: true, RepresentationDimension: GeometricTransformations.Count, Settings.UseMaxPool, InputResolution: feature.Shape[1]), feature);

        var channel = setup.Channel;
        var device = setup.SelectDevice(Settings.Device);
        int seed = setup.ChooseSeed(Settings.Seed);
        using var train = setup.LoadTraining(device);
        if (train.Rows < 2) throw new ArgumentException($"The training data has {train.Rows} row(s); GEO needs at least 2.", "input");

        var spec = resolved.Spec;
        var network = spec.Build(new Generator((ulong)seed));
        try
        {
            string? weights = PretrainedWeights.Apply(network, Settings.PretrainedWeightsPath);
            if (weights is not null) channel.Info(MessageSensitivity.None, $"Loaded pretrained weights from {weights}.");
            using (var scope = NewDisposeScope())
            {
                var (mean, std) = InputStatistics.Compute(train.Features, spec.InputShape, resolved.Normalization);
                network.SetInputStatistics(mean, std);
            }
            network.to(device);
            double learningRate = Settings.LearningRate
                ?? (spec.Kind == DeepSvddNetwork.ResNet18Pretrained ? Defaults.FineTuningLearningRate : Defaults.LearningRate);
            channel.Info(MessageSensitivity.None, $"GEO: {spec}; device {device}; {train.Rows} images × 72 transformations (shift {shift} px), " +
                $"{Settings.Epochs} epochs, batch {Settings.BatchSize}, learning rate {learningRate:G3}, seed {seed}.");

            using var table = transformations.SourceTable(device);
            var epochs = new TransformationClassifierTraining(network, transformations, table, Settings.Epochs, Settings.BatchSize, learningRate,
                Settings.WeightDecay, device, seed, channel, setup.CheckCanceled).Run(train.Features);
            network.eval();
            var fit = DirichletScoreFit.Fit(batch => GeoScoringModel.LogProbabilities(network, transformations, table, batch), train.Features,
                setup.CheckCanceled);
            var scoring = new GeoScoringModel(network, transformations, feature.Shape, fit.Alpha, device);

            CheckScoresVary(fit.TrainingScores, epochs);
            float threshold = (float)Quantile.Of(fit.TrainingScores, 1 - Settings.Contamination);
            var report = new GeoTrainingReport(epochs, train.Rows, device.ToString(), spec.ToString(), fit.MaxIterations, setup.Total.Elapsed);
            channel.Info(MessageSensitivity.None, report + $" Threshold {threshold:G6}.");
            return new GeoTransformer(scoring, threshold, feature.Name, report)
            {
                ScoringBatchSize = Settings.ScoringBatchSize,
                Environment = Context.Environment,
            };
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>The feature column, with <see cref="Options.ImageShape"/> when set.</summary>
    private protected override FeatureColumn ResolveFeature(DataViewSchema schema) =>
        FeatureColumn.Resolve(schema, Settings.FeatureColumnName, Settings.ImageShape, "training data");

    private static void CheckScoresVary(float[] scores, IReadOnlyList<GeoEpochReport> epochs)
    {
        float min = scores.Min(), max = scores.Max();
        if (!float.IsFinite(min) || !float.IsFinite(max))
            throw new InvalidOperationException("GEO produced non-finite training scores: the classifier diverged. Lower LearningRate.");
        if (max - min <= 1e-6f * Math.Max(1f, Math.Abs(max)))
        {
            throw new InvalidOperationException($"GEO's training scores are all equal ({max:G6}): the transformation classifier gives every image the " +
                $"same output (last epoch accuracy {epochs[^1].Accuracy:P1}, chance 1.4%), so it cannot rank anomalies. Train longer (Epochs), " +
                "raise LearningRate, or check that the images are not constant.");
        }
    }
}
