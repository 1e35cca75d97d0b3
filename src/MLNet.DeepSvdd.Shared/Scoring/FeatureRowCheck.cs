namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>
/// The one check every scoring path applies to a row before scoring it (batched <c>Transform</c>, <c>PredictionEngine</c>, the row-by-row
/// mapping <c>mlContext.Model.Load</c> rebuilds, the baselines' direct <c>Score</c>): the row must hold exactly the number of Single values
/// the model was trained on. The schema-level check (column present, a known-size vector of Single of that size) is
/// <see cref="OutputSchema"/>'s; this one catches rows that disagree with their column's declared size, and the saved row-by-row mapping,
/// which sees no schema.
/// </summary>
internal static class FeatureRowCheck
{
    /// <summary>Throws <see cref="InvalidOperationException"/> naming the column, the row (when known), the expected and the actual length.</summary>
    /// <param name="actual">Values in the row.</param>
    /// <param name="expected">Values per row the model was trained on.</param>
    /// <param name="column">The feature column (the model's own name for it on the saved row path).</param>
    /// <param name="row">The row's position, or null where the path does not know it (the saved row-by-row mapping).</param>
    public static void CheckLength(int actual, int expected, string column, long? row)
    {
        if (actual != expected) throw new InvalidOperationException(LengthMessage(actual, expected, column, row));
    }

    /// <summary>The message of <see cref="CheckLength"/>.</summary>
    public static string LengthMessage(int actual, int expected, string column, long? row) =>
        row is long position
            ? $"Row {position} of feature column '{column}' has {actual} values; the model expects {expected}."
            : $"A row of feature column '{column}' has {actual} values; the model expects {expected}. " +
              "Score data prepared with the same pipeline as the training data.";
}
