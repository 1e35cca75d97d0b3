namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>
/// The rows a lazy batched view works on, read ahead of its main cursor: a second cursor over the same input reads the next rows of one
/// vector column into one flat buffer (rows one after another), so the view can process them with one forward pass and serve the results
/// as the main cursor passes the rows. Two cursors without shuffling see the rows in the same order, which <see cref="IDataView"/>
/// guarantees; a source that breaks the guarantee is reported, never served mismatched results. Used by the detectors' <c>Transform</c>
/// and by the feature extractor's.
/// </summary>
internal sealed class LookAheadBatch : IDisposable
{
    private readonly DataViewRowCursor cursor;
    private readonly ValueGetter<VBuffer<float>> getter;
    private readonly string column;
    private VBuffer<float> buffer;

    /// <summary>Reads <paramref name="column"/> (<paramref name="rowSize"/> values per row) through <paramref name="cursor"/>, which it owns.</summary>
    public LookAheadBatch(DataViewRowCursor cursor, DataViewSchema.Column column, int rowSize, int capacity)
    {
        if (rowSize < 1) throw new ArgumentOutOfRangeException(nameof(rowSize), rowSize, "A row has at least one value.");
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A batch has at least one row.");
        this.cursor = cursor;
        this.column = column.Name;
        getter = cursor.GetGetter<VBuffer<float>>(column);
        RowSize = rowSize;
        Capacity = capacity;
        Values = new float[(long)capacity * rowSize];
    }

    /// <summary>Values per row.</summary>
    public int RowSize { get; }

    /// <summary>Most rows in one batch.</summary>
    public int Capacity { get; }

    /// <summary>The batch's rows, one after another; the first <see cref="Count"/> × <see cref="RowSize"/> values are valid.</summary>
    public float[] Values { get; }

    /// <summary>Position of the batch's first row.</summary>
    public long Start { get; private set; }

    /// <summary>Rows in the batch (0 before the first <see cref="ReadFrom"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Whether the row at <paramref name="position"/> is in the batch.</summary>
    public bool Contains(long position) => Count > 0 && position >= Start && position < Start + Count;

    /// <summary>Index within the batch of the row at <paramref name="position"/>.</summary>
    public int IndexOf(long position) => Contains(position)
        ? (int)(position - Start)
        : throw new InvalidOperationException($"Row {position} is not in the current batch (rows {Start} to {Start + Count - 1}).");

    /// <summary>Reads up to <see cref="Capacity"/> rows starting at <paramref name="start"/>, the main cursor's position.</summary>
    public void ReadFrom(long start)
    {
        Start = start;
        Count = 0;
        while (Count < Capacity && cursor.MoveNext())
        {
            if (cursor.Position != start + Count)
                throw new InvalidOperationException("The input data returned rows in a different order to two cursors; it cannot be processed in batches.");
            getter(ref buffer);
            CheckLength(buffer, RowSize, column, cursor.Position);
            buffer.CopyTo(Values.AsSpan(Count * RowSize, RowSize));
            Count++;
        }
        if (Count == 0) throw new InvalidOperationException("The input data returned fewer rows to a second cursor; it cannot be processed in batches.");
    }

    /// <summary>Throws, naming the row and the column, when a row does not have <paramref name="expected"/> values (<see cref="FeatureRowCheck"/>).</summary>
    public static void CheckLength(in VBuffer<float> buffer, int expected, string column, long row) =>
        FeatureRowCheck.CheckLength(buffer.Length, expected, column, row);

    public void Dispose() => cursor.Dispose();
}
