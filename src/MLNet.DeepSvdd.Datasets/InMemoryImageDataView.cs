namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// The common part of the views over images held in memory as bytes: one cursor kind (optionally shuffled; the row id is the view's row
/// number, the same for every cursor), column activity checks, and an Image getter that converts a row's bytes into the caller's buffer
/// only when the column is read. Subclasses give the schema (Image first), where each row's bytes are, and the getters of their other
/// columns.
/// </summary>
internal abstract class InMemoryImageDataView : IDataView
{
    private readonly int rowCount;

    /// <param name="rowCount">Number of rows.</param>
    /// <param name="schema">The schema; column 0 is Image (a known-size vector of Single).</param>
    protected InMemoryImageDataView(int rowCount, DataViewSchema schema)
    {
        this.rowCount = rowCount;
        Schema = schema;
        ImageLength = ((VectorDataViewType)schema[0].Type).Size;
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => true;

    /// <summary>Values per image.</summary>
    protected int ImageLength { get; }

    public long? GetRowCount() => rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var order = Enumerable.Range(0, rowCount).ToArray();
        rand?.Shuffle(order);
        return new Cursor(this, columnsNeeded, order);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>Copies the image of view row <paramref name="row"/> (bytes 0–255) into <paramref name="destination"/>.</summary>
    protected abstract void CopyImage(int row, Span<float> destination);

    /// <summary>The getter of column <paramref name="column"/> (index ≥ 1) reading the row <paramref name="currentRow"/> returns.</summary>
    protected abstract Delegate OtherGetter(DataViewSchema.Column column, Func<int> currentRow);

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly InMemoryImageDataView view;
        private readonly bool[] active;
        private readonly int[] order;
        private long position = -1;
        private bool done;

        /// <param name="view">The view.</param>
        /// <param name="columnsNeeded">The active columns.</param>
        /// <param name="order">The view's row numbers in the order this cursor visits them (a permutation when shuffled).</param>
        public Cursor(InMemoryImageDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded, int[] order)
        {
            this.view = view;
            this.order = order;
            active = new bool[view.Schema.Count];
            foreach (var column in columnsNeeded) active[column.Index] = true;
        }

        public override DataViewSchema Schema => view.Schema;

        public override long Position => position;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (done) return false;
            if (++position < order.Length) return true;
            position = -1;
            done = true;
            return false;
        }

        /// <summary>The row's number in the view, the same for every cursor, shuffled or not.</summary>
        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)Row(), 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            Delegate getter = column.Index == 0 ? (ValueGetter<VBuffer<float>>)GetImage : view.OtherGetter(column, Row);
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
                $"Column '{column.Name}' is {column.Type}; it cannot be read as {typeof(TValue).Name}.");
        }

        private void GetImage(ref VBuffer<float> value)
        {
            var editor = VBufferEditor.Create(ref value, view.ImageLength);
            view.CopyImage(Row(), editor.Values);
            value = editor.Commit();
        }

        private int Row() => position >= 0
            ? order[(int)position]
            : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first (and only read while it returns true).");
    }
}
