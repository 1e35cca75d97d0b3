namespace MLNet.DeepSvdd.Baselines.Data;

/// <summary>
/// The rows of a feature column as one dense row-major matrix (<see cref="Rows"/> × <see cref="Columns"/> floats). Every value is checked
/// on the way in: a NaN or infinite feature fails with the row and the position.
/// </summary>
internal sealed class FeatureMatrix
{
    private FeatureMatrix(float[] values, int rows, int columns)
    {
        Values = values;
        Rows = rows;
        Columns = columns;
    }

    public float[] Values { get; }

    public int Rows { get; }

    public int Columns { get; }

    public ReadOnlySpan<float> Row(int index) => Values.AsSpan(index * Columns, Columns);

    /// <summary>A matrix over existing values (no copy); for tests and for data already in memory.</summary>
    public static FeatureMatrix FromValues(float[] values, int columns)
    {
        if (columns < 1 || values.Length % columns != 0)
            throw new ArgumentException($"{values.Length} values do not make rows of {columns}.", nameof(values));
        return new FeatureMatrix(values, values.Length / columns, columns);
    }

    /// <summary>Reads the feature column of <paramref name="data"/>; <paramref name="what"/> names the data in error messages.</summary>
    public static FeatureMatrix Load(IDataView data, FeatureColumn feature, string what)
    {
        ArgumentNullException.ThrowIfNull(data);
        int d = feature.Size;
        var column = data.Schema[feature.Name];
        var values = new List<float[]>();
        const int chunkRows = 1024;
        float[] chunk = new float[chunkRows * d];
        int inChunk = 0;
        long row = 0;
        using (var cursor = data.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var buffer = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                if (buffer.Length != d)
                    throw new InvalidOperationException($"Row {row} of feature column '{feature.Name}' has {buffer.Length} values, but the column declares {d}.");
                var span = chunk.AsSpan(inChunk * d, d);
                buffer.CopyTo(span);
                for (int j = 0; j < d; j++)
                {
                    if (!float.IsFinite(span[j]))
                    {
                        throw new InvalidOperationException(
                            $"Row {row} of feature column '{feature.Name}' in the {what} has a non-finite value ({span[j]}) at position {j}. " +
                            "Filter such rows (mlContext.Data.FilterRowsByMissingValues) or replace them (mlContext.Transforms.ReplaceMissingValues).");
                    }
                }
                row++;
                if (++inChunk == chunkRows)
                {
                    values.Add(chunk);
                    chunk = new float[chunkRows * d];
                    inChunk = 0;
                }
            }
        }
        if (row == 0) throw new ArgumentException($"The {what} has no rows.", nameof(data));
        if (row * d > Array.MaxLength) throw new ArgumentException($"The {what} has {row} rows of {d} values; that is more than one array can hold.", nameof(data));
        var all = new float[row * d];
        int offset = 0;
        foreach (var full in values)
        {
            full.CopyTo(all, offset);
            offset += full.Length;
        }
        Array.Copy(chunk, 0, all, offset, inChunk * d);
        return new FeatureMatrix(all, (int)row, d);
    }
}
