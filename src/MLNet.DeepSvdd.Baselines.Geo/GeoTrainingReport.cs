namespace MLNet.DeepSvdd.Baselines.Geo;

/// <summary>What a GEO fit did: per-epoch classifier loss and accuracy, the Dirichlet fits, the data size, device and time.</summary>
/// <param name="Epochs">One entry per epoch.</param>
/// <param name="TrainingRows">Number of training images.</param>
/// <param name="Device">Device the classifier was trained on, e.g. "cpu".</param>
/// <param name="Network">The classifier's layout.</param>
/// <param name="DirichletIterations">The most steps any of the 72 Dirichlet fits needed.</param>
/// <param name="Duration">Wall-clock time of the whole fit.</param>
public sealed record GeoTrainingReport(IReadOnlyList<GeoEpochReport> Epochs, int TrainingRows, string Device, string Network,
    int DirichletIterations, TimeSpan Duration)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"GEO: {TrainingRows} images; {Network}; device {Device}; {Epochs.Count} epochs (last: loss {Epochs[^1].Loss:F3}, " +
        $"accuracy {Epochs[^1].Accuracy:P1} on 72 transformations), Dirichlet fits ≤ {DirichletIterations} steps, {Duration.TotalSeconds:F1} s.";
}
