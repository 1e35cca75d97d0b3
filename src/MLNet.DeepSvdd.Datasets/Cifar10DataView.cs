using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// An <see cref="IDataView"/> over selected records of a split, with the columns of <see cref="Cifar10Image"/>: Image
/// (Vector&lt;Single, 3, 32, 32&gt;), Class (Int32), ClassName (Text). Nothing is allocated per row: the Image getter converts the record's
/// bytes straight into the caller's buffer, and only when that column is read. Row count is known and the view can be shuffled.
/// </summary>
internal sealed class Cifar10DataView : IDataView
{
    private const int ImageColumn = 0, ClassColumn = 1, ClassNameColumn = 2;

    private readonly byte[] records;
    private readonly int[] rows;
    private readonly ReadOnlyMemory<char>[] classNames;

    /// <param name="images">The split.</param>
    /// <param name="rows">The record indices of the view's rows, in order; validated by the caller.</param>
    /// <param name="classNames">The ten class names.</param>
    public Cifar10DataView(Cifar10Images images, int[] rows, IReadOnlyList<string> classNames)
    {
        records = images.Records;
        this.rows = rows;
        this.classNames = classNames.Select(n => n.AsMemory()).ToArray();
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(nameof(Cifar10Image.Image),
            new VectorDataViewType(NumberDataViewType.Single, Cifar10Image.Channels, Cifar10Image.Height, Cifar10Image.Width));
        schema.AddColumn(nameof(Cifar10Image.Class), NumberDataViewType.Int32);
        schema.AddColumn(nameof(Cifar10Image.ClassName), TextDataViewType.Instance);
        Schema = schema.ToSchema();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => true;

    public long? GetRowCount() => rows.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var order = Enumerable.Range(0, rows.Length).ToArray();
        if (rand is not null) rand.Shuffle(order);
        return new Cursor(this, columnsNeeded, order);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly Cifar10DataView view;
        private readonly bool[] active;
        private readonly int[] order;
        private long position = -1;
        private bool done;

        /// <param name="view">The view.</param>
        /// <param name="columnsNeeded">The active columns.</param>
        /// <param name="order">The view's row numbers in the order this cursor visits them (a permutation when shuffled).</param>
        public Cursor(Cifar10DataView view, IEnumerable<DataViewSchema.Column> columnsNeeded, int[] order)
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
        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)order[CurrentRow()], 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            Delegate getter = column.Index switch
            {
                ImageColumn => (ValueGetter<VBuffer<float>>)GetImage,
                ClassColumn => (ValueGetter<int>)((ref int value) => value = Cifar10Format.Label(view.records, Record())),
                ClassNameColumn => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) =>
                    value = view.classNames[Cifar10Format.Label(view.records, Record())]),
                _ => throw new ArgumentOutOfRangeException(nameof(column), column.Name, "Not a column of this view."),
            };
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
                $"Column '{column.Name}' is {column.Type}; it cannot be read as {typeof(TValue).Name}.");
        }

        private void GetImage(ref VBuffer<float> value)
        {
            var editor = VBufferEditor.Create(ref value, Cifar10Image.PixelCount);
            Cifar10Format.CopyPixels(view.records, Record(), editor.Values);
            value = editor.Commit();
        }

        private int Record() => view.rows[order[CurrentRow()]];

        private int CurrentRow() => position >= 0
            ? (int)position
            : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first (and only read while it returns true).");
    }
}
