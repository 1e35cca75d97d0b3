namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>
/// A fitted detector as the scoring views see it: the number of input values per row and a batched score (higher = more anomalous).
/// Implemented by the Deep SVDD network (one forward pass per batch) and by the baselines (rows scored in parallel).
/// </summary>
internal interface IBatchScorer
{
    /// <summary>Number of input values per row.</summary>
    int InputSize { get; }

    /// <summary>Scores <paramref name="rows"/> rows laid out one after another in <paramref name="values"/> into <paramref name="scores"/>.</summary>
    void Score(float[] values, int rows, Span<float> scores);
}
