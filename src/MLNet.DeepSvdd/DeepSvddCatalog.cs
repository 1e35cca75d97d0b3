namespace MLNet.DeepSvdd;

/// <summary>Catalog extension methods: <c>mlContext.AnomalyDetection.Trainers.DeepSvdd(...)</c>.</summary>
public static class DeepSvddCatalog
{
    /// <summary>Creates a Deep SVDD trainer with all options (see <see cref="DeepSvddTrainer.Options"/> for meanings and paper defaults).</summary>
    public static DeepSvddTrainer DeepSvdd(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog, DeepSvddTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new DeepSvddTrainer(MLContextAccess.FromCatalog(catalog), options);
    }

    /// <summary>Creates a Deep SVDD trainer with the common options; the others keep the defaults of <see cref="DeepSvddTrainer.Options"/>.</summary>
    /// <param name="catalog">The anomaly-detection trainers catalog.</param>
    /// <param name="featureColumnName">Known-size vector of Single to learn from. Default "Features".</param>
    /// <param name="labelColumnName">Optional label column for semi-supervised training (&gt; 0 anomaly, 0 normal, NaN unlabeled). Default null.</param>
    /// <param name="objective">One-class (default) or soft-boundary.</param>
    /// <param name="regularizer">Collapse regularizer. Default noise injection.</param>
    /// <param name="network">The network φ. Default: chosen from the feature shape.</param>
    /// <param name="useBias">Biases in every layer (the paper's "w/ bias"). Default true.</param>
    /// <param name="epochs">Passes over the data. Default 30.</param>
    /// <param name="learningRate">Adam learning rate of φ. Default null: 1e-4 for networks trained from scratch, 1e-5 for pretrained backbones (see <see cref="DeepSvddTrainer.Options.LearningRate"/>).</param>
    /// <param name="seed">Random seed; null takes one from the MLContext.</param>
    public static DeepSvddTrainer DeepSvdd(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog,
        string featureColumnName = DetectorDefaults.FeatureColumnName,
        string? labelColumnName = null,
        DeepSvddObjective objective = DeepSvddTrainer.Defaults.Objective,
        CollapseRegularizer regularizer = DeepSvddTrainer.Defaults.Regularizer,
        DeepSvddNetwork network = DeepSvddTrainer.Defaults.Network,
        bool useBias = DeepSvddTrainer.Defaults.UseBias,
        int epochs = DeepSvddTrainer.Defaults.Epochs,
        double? learningRate = null,
        int? seed = null) =>
        catalog.DeepSvdd(new DeepSvddTrainer.Options
        {
            FeatureColumnName = featureColumnName,
            LabelColumnName = labelColumnName,
            Objective = objective,
            Regularizer = regularizer,
            Network = network,
            UseBias = useBias,
            Epochs = epochs,
            LearningRate = learningRate,
            Seed = seed,
        });
}
