namespace MLNet.DeepSvdd.Baselines.Geo;

/// <summary>Catalog extension methods: <c>mlContext.AnomalyDetection.Trainers.Geo(...)</c>.</summary>
public static class GeoCatalog
{
    /// <summary>Creates a GEO trainer with all options (see <see cref="GeoTrainer.Options"/> for meanings and defaults).</summary>
    public static GeoTrainer Geo(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog, GeoTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new GeoTrainer(MLContextAccess.FromCatalog(catalog), options);
    }

    /// <summary>Creates a GEO trainer with the common options; the others keep the defaults of <see cref="GeoTrainer.Options"/>.</summary>
    /// <param name="catalog">The anomaly-detection trainers catalog.</param>
    /// <param name="featureColumnName">Square images as [C, H, H] Single pixels (ExtractPixels). Default "Features".</param>
    /// <param name="network">The classifier's backbone. Default Auto (the pretrained ResNet-18 when available).</param>
    /// <param name="epochs">Passes over all (image, transformation) pairs. Default 3.</param>
    /// <param name="contamination">Expected anomaly fraction, which sets the threshold. Default 0.1.</param>
    /// <param name="seed">Random seed; null takes one from the MLContext.</param>
    public static GeoTrainer Geo(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog,
        string featureColumnName = "Features",
        DeepSvddNetwork network = DeepSvddNetwork.Auto,
        int epochs = 3,
        double contamination = 0.1,
        int? seed = null) =>
        catalog.Geo(new GeoTrainer.Options
        {
            FeatureColumnName = featureColumnName,
            Network = network,
            Epochs = epochs,
            Contamination = contamination,
            Seed = seed,
        });
}
