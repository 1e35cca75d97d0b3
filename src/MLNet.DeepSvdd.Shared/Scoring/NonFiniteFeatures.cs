namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>
/// What every detector does with a row that holds a NaN or infinite feature at scoring time: such a row cannot be scored, and it is never
/// called normal. Its <c>Score</c> is <see cref="float.PositiveInfinity"/> and its <c>PredictedLabel</c> is true, on every scoring path of
/// every detector (Deep SVDD, GEO, Isolation Forest, one-class SVM). The network or model never sees the row's values.
/// <see cref="IsAnomaly"/> is the one decision rule of <c>PredictedLabel</c>: a score that is not a number or +∞ is an anomaly too.
/// </summary>
internal static class NonFiniteFeatures
{
    /// <summary>The score of a row with a NaN or infinite feature.</summary>
    public const float Score = float.PositiveInfinity;

    /// <summary>True when any value of <paramref name="row"/> is NaN or ±∞.</summary>
    public static bool Any(ReadOnlySpan<float> row)
    {
        foreach (float value in row)
        {
            if (!float.IsFinite(value)) return true;
        }
        return false;
    }

    /// <summary>PredictedLabel: Score &gt; threshold, and true for a NaN or +∞ score (never "normal" when the row could not be scored).</summary>
    public static bool IsAnomaly(float score, float threshold) => float.IsNaN(score) || float.IsPositiveInfinity(score) || score > threshold;

    /// <summary>
    /// Scores <paramref name="rows"/> rows of <paramref name="rowSize"/> values laid out in <paramref name="values"/> with
    /// <paramref name="model"/>, except rows with a NaN or infinite value: those are zeroed in <paramref name="values"/> before the model
    /// runs (so they cannot affect another row) and get <see cref="Score"/>. Returns how many such rows there were and the batch index of
    /// the first (−1 when none).
    /// </summary>
    public static (int Count, int First) ScoreBatch(IBatchScorer model, float[] values, int rows, int rowSize, Span<float> scores)
    {
        Span<bool> bad = rows <= 1024 ? stackalloc bool[rows] : new bool[rows];
        var (count, first) = ClearNonFinite(values, rows, rowSize, bad);
        model.Score(values, rows, scores);
        for (int r = 0; r < rows && count > 0; r++)
        {
            if (bad[r]) scores[r] = Score;
        }
        return (count, first);
    }

    /// <summary>
    /// <see cref="ScoreBatch(IBatchScorer, float[], int, int, Span{float})"/> with maps (<paramref name="mapSize"/> values per row): a row with a
    /// NaN or infinite feature gets Score = +∞ and a map of +∞ (every pixel in the mask).
    /// </summary>
    public static (int Count, int First) ScoreBatch(IMapScorer model, float[] values, int rows, int rowSize, Span<float> scores, Span<float> maps,
        int mapSize)
    {
        Span<bool> bad = rows <= 1024 ? stackalloc bool[rows] : new bool[rows];
        var (count, first) = ClearNonFinite(values, rows, rowSize, bad);
        model.Score(values, rows, scores, maps);
        for (int r = 0; r < rows && count > 0; r++)
        {
            if (!bad[r]) continue;
            scores[r] = Score;
            maps.Slice(r * mapSize, mapSize).Fill(Score);
        }
        return (count, first);
    }

    /// <summary>Zeroes every row with a NaN or infinite value and marks it in <paramref name="bad"/>; returns their count and the first one's index (−1: none).</summary>
    private static (int Count, int First) ClearNonFinite(float[] values, int rows, int rowSize, Span<bool> bad)
    {
        int count = 0, first = -1;
        for (int r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * rowSize, rowSize);
            if (!Any(row)) continue;
            row.Clear();
            bad[r] = true;
            if (count++ == 0) first = r;
        }
        return (count, first);
    }

    /// <summary>
    /// The score of one row of exactly <see cref="IBatchScorer.InputSize"/> values: <see cref="Score"/> when it holds a NaN or infinite
    /// value (the model never sees it), else the model's score.
    /// </summary>
    public static float ScoreRow(IBatchScorer model, float[] row)
    {
        if (Any(row)) return Score;
        Span<float> result = stackalloc float[1];
        model.Score(row, 1, result);
        return result[0];
    }

    /// <summary>The warning logged once per pass over scored data that held such rows.</summary>
    public static string Message(string detector, string column, long count, long rows, long firstRow) =>
        $"{detector}: {count} of {rows} rows of feature column '{column}' have NaN or infinite values (the first is row {firstRow}); " +
        "they were not scored: Score = +∞, PredictedLabel = true. Filter or replace such values before scoring " +
        "(mlContext.Data.FilterRowsByMissingValues, mlContext.Transforms.ReplaceMissingValues).";
}
