namespace MLNet.DeepSvdd.Baselines;

/// <summary>Catalog extension methods: <c>mlContext.AnomalyDetection.Trainers.OneClassSvm(...)</c>.</summary>
public static class OneClassSvmCatalog
{
    /// <summary>Creates a one-class SVM trainer with all options (see <see cref="OneClassSvmTrainer.Options"/> for meanings and defaults).</summary>
    public static OneClassSvmTrainer OneClassSvm(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog, OneClassSvmTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new OneClassSvmTrainer(MLContextAccess.FromCatalog(catalog), options);
    }

    /// <summary>Creates a one-class SVM trainer with the common options; the others keep the defaults of <see cref="OneClassSvmTrainer.Options"/>.</summary>
    /// <param name="catalog">The anomaly-detection trainers catalog.</param>
    /// <param name="featureColumnName">Known-size vector of Single to learn from. Default "Features".</param>
    /// <param name="nu">ν ∈ (0, 1]: bound on the outlier fraction. Default 0.1 (scikit-learn: 0.5).</param>
    /// <param name="gamma">γ of the RBF kernel; null: scikit-learn's "scale", 1 / (d · Var(X)). Default null.</param>
    /// <param name="tolerance">Stopping tolerance of the solver. Default 1e-3.</param>
    public static OneClassSvmTrainer OneClassSvm(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog,
        string featureColumnName = DetectorDefaults.FeatureColumnName,
        double nu = OneClassSvmTrainer.Defaults.Nu,
        double? gamma = null,
        double tolerance = OneClassSvmTrainer.Defaults.Tolerance) =>
        catalog.OneClassSvm(new OneClassSvmTrainer.Options
        {
            FeatureColumnName = featureColumnName,
            Nu = nu,
            Gamma = gamma,
            Tolerance = tolerance,
        });
}
