namespace MLNet.DeepSvdd.Baselines.Scoring;

/// <summary>The per-row scoring rule shared by every scoring path: a row with a NaN or infinite value scores NaN (never "normal").</summary>
internal static class RowScoring
{
    public static float Score(IAnomalyScorer scorer, ReadOnlySpan<float> features)
    {
        foreach (float value in features)
        {
            if (!float.IsFinite(value)) return float.NaN;
        }
        return (float)scorer.Score(features);
    }

    /// <summary>PredictedLabel: Score &gt; threshold (false for a NaN score).</summary>
    public static bool IsAnomaly(float score, float threshold) => score > threshold;
}
