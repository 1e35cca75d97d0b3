namespace MLNet.DeepSvdd.Baselines;

/// <summary>Catalog extension methods: <c>mlContext.AnomalyDetection.Trainers.IsolationForest(...)</c>.</summary>
public static class IsolationForestCatalog
{
    /// <summary>Creates an Isolation Forest trainer with all options (see <see cref="IsolationForestTrainer.Options"/> for meanings and defaults).</summary>
    public static IsolationForestTrainer IsolationForest(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog,
        IsolationForestTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new IsolationForestTrainer(MLContextAccess.FromCatalog(catalog), options);
    }

    /// <summary>Creates an Isolation Forest trainer with the common options; the others keep the defaults of <see cref="IsolationForestTrainer.Options"/>.</summary>
    /// <param name="catalog">The anomaly-detection trainers catalog.</param>
    /// <param name="featureColumnName">Known-size vector of Single to learn from. Default "Features".</param>
    /// <param name="numberOfTrees">Number of isolation trees. Default 100.</param>
    /// <param name="sampleSize">ψ, rows per tree (capped at the number of rows). Default 256.</param>
    /// <param name="contamination">Expected anomaly fraction, which sets the threshold; null: the fixed threshold 0.5. Default 0.1.</param>
    /// <param name="seed">Random seed; null takes one from the MLContext.</param>
    public static IsolationForestTrainer IsolationForest(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog,
        string featureColumnName = DetectorDefaults.FeatureColumnName,
        int numberOfTrees = IsolationForestTrainer.Defaults.NumberOfTrees,
        int sampleSize = IsolationForestTrainer.Defaults.SampleSize,
        double? contamination = IsolationForestTrainer.Defaults.Contamination,
        int? seed = null) =>
        catalog.IsolationForest(new IsolationForestTrainer.Options
        {
            FeatureColumnName = featureColumnName,
            NumberOfTrees = numberOfTrees,
            SampleSize = sampleSize,
            Contamination = contamination,
            Seed = seed,
        });
}
