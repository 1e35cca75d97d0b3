namespace MLNet.DeepSvdd.Selection.Search;

/// <summary>
/// The search's up-front check of its data's feature values: a NaN or infinite value would make every detector score its row +∞ (the
/// library's rule for rows that cannot be scored), so validation AUCs would be decided by that row and a detector that cannot produce
/// finite scores would be recorded as diverged. Such data is refused before the first trial, naming the data, the row and the position.
/// </summary>
internal static class FiniteFeatures
{
    /// <summary>Throws when a value of <paramref name="column"/> in <paramref name="data"/> is NaN or infinite.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="column">The feature column (a Single vector).</param>
    /// <param name="what">The data as the message and the exception's parameter name it: "training data", "ValidationSet" or "TestSet".</param>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public static void Check(IDataView data, string column, string what)
    {
        var feature = data.Schema[column];
        using var cursor = data.GetRowCursor([feature]);
        var getter = cursor.GetGetter<VBuffer<float>>(feature);
        var buffer = default(VBuffer<float>);
        for (long row = 0; cursor.MoveNext(); row++)
        {
            getter(ref buffer);
            var values = buffer.GetValues();
            for (int i = 0; i < values.Length; i++)
            {
                if (float.IsFinite(values[i])) continue;
                int position = buffer.IsDense ? i : buffer.GetIndices()[i];
                throw new ArgumentException(
                    $"Row {row} of the {what}'s feature column '{column}' has a non-finite value ({values[i]}) at position {position}. The search " +
                    "judges every trial by ROC AUC on finite scores, and no detector can score such a row: filter these rows " +
                    "(mlContext.Data.FilterRowsByMissingValues) or replace the values (mlContext.Transforms.ReplaceMissingValues) before the search.",
                    what == "training data" ? "input" : what);
            }
        }
    }
}
