namespace MLNet.DeepSvdd.Baselines.Geo;

/// <summary>One epoch of GEO's transformation classifier (means over its minibatches).</summary>
/// <param name="Epoch">The epoch, 0-based.</param>
/// <param name="Loss">Mean cross-entropy of the 72-way classification (chance: ln 72 ≈ 4.28).</param>
/// <param name="Accuracy">Fraction of (image, transformation) pairs classified right during the epoch (chance: 1/72).</param>
/// <param name="Duration">Wall-clock time of the epoch.</param>
public sealed record GeoEpochReport(int Epoch, double Loss, double Accuracy, TimeSpan Duration);
