namespace MLNet.DeepSvdd.Selection;

/// <summary>Catalog extension method: <c>mlContext.AnomalyDetection.Trainers.DetectorSearch(options)</c>.</summary>
public static class DetectorSearchCatalog
{
    /// <summary>
    /// An estimator that trains the candidates of a search space on the training rows, judges each by ROC AUC on
    /// <see cref="DetectorSearch.Options.ValidationSet"/>, and returns the best as a <see cref="SelectedDetector"/> with its
    /// <see cref="Leaderboard"/>. See <see cref="DetectorSearch.Options"/> for the strategy, budget and defaults.
    /// </summary>
    public static DetectorSearch DetectorSearch(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog, DetectorSearch.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new DetectorSearch(MLContextAccess.FromCatalog(catalog), options);
    }
}
