namespace MLNet.DeepSvdd.Baselines.Scoring;

/// <summary>
/// The per-row scoring rule shared by every scoring path of the baselines: a row with a NaN or infinite value scores +∞ and is predicted
/// anomalous (<see cref="NonFiniteFeatures"/>, the rule of every detector).
/// </summary>
internal static class RowScoring
{
    public static float Score(IAnomalyScorer scorer, ReadOnlySpan<float> features) =>
        NonFiniteFeatures.Any(features) ? NonFiniteFeatures.Score : (float)scorer.Score(features);

    /// <summary>PredictedLabel: Score &gt; threshold, and true for a NaN or +∞ score.</summary>
    public static bool IsAnomaly(float score, float threshold) => NonFiniteFeatures.IsAnomaly(score, threshold);
}
