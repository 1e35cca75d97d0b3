namespace MLNet.DeepSvdd.Shared.Data;

/// <summary>
/// Rows already in memory as an <see cref="IDataView"/> whose vector column has a known size (what the trainers require): for features
/// computed once and reused, such as the shallow baselines' feature sets or a search's cached feature spaces.
/// </summary>
internal static class InMemoryVectors
{
    /// <summary>
    /// A view of <paramref name="vectors"/> as the Single vector column <paramref name="column"/> of <paramref name="size"/> values, and,
    /// when <paramref name="labels"/> is given, a Single column <paramref name="labelColumn"/> after it (row <c>i</c> gets <c>labels[i]</c>).
    /// </summary>
    public static IDataView Load(MLContext ml, string column, int size, IReadOnlyList<float[]> vectors, IReadOnlyList<float>? labels = null,
        string labelColumn = "Label")
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(vectors);
        if (labels is not null && labels.Count != vectors.Count)
            throw new ArgumentException($"{labels.Count} labels for {vectors.Count} rows.", nameof(labels));
        var rows = vectors.Select((x, i) => new Row { Values = x, Label = labels is null ? 0 : labels[i] }).ToList();
        var definition = SchemaDefinition.Create(typeof(Row));
        var values = definition[nameof(Row.Values)];
        values.ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        values.ColumnName = column;
        if (labels is null) definition.Remove(definition[nameof(Row.Label)]);
        else definition[nameof(Row.Label)].ColumnName = labelColumn;
        return ml.Data.LoadFromEnumerable(rows, definition);
    }

    private sealed class Row
    {
        public float[] Values { get; set; } = [];

        public float Label { get; set; }
    }
}
