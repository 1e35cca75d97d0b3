namespace MLNet.DeepSvdd;

/// <summary>How the patch-level anomaly map of an image is reduced to its score (<see cref="DeepSvddRepresentation.Patches"/>).</summary>
public enum PatchScoreReduction
{
    /// <summary>The largest patch score: one anomalous patch makes an anomalous image (FCDD, PatchCore).</summary>
    Max,

    /// <summary>
    /// The mean of the largest patch scores, the top <see cref="DeepSvddTrainer.Options.PatchTopFraction"/> of the map's positions (at least
    /// one): less sensitive to a single unusual but normal patch than <see cref="Max"/>.
    /// </summary>
    TopMean,
}
