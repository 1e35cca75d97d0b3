using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>
/// The view of a protocol part over images held as bytes: Image (Vector&lt;Single, C, H, W&gt;, values 0–255), Label (Single), Class (Int32).
/// Pixels are converted into the reader's buffer only when Image is read. Row count known; can be shuffled; the row id is the row number.
/// </summary>
internal sealed class LabeledImageDataView : IDataView
{
    private const int ImageColumn = 0, LabelColumn = 1, ClassColumn = 2;

    private readonly LabeledImage[] rows;
    private readonly int length;

    public LabeledImageDataView(LabeledImage[] rows, int channels, int height, int width)
    {
        this.rows = rows;
        length = channels * height * width;
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(ProtocolColumns.Image, new VectorDataViewType(NumberDataViewType.Single, channels, height, width));
        schema.AddColumn(ProtocolColumns.Label, NumberDataViewType.Single);
        schema.AddColumn(ProtocolColumns.Class, NumberDataViewType.Int32);
        Schema = schema.ToSchema();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => true;

    public long? GetRowCount() => rows.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var order = Enumerable.Range(0, rows.Length).ToArray();
        rand?.Shuffle(order);
        return new Cursor(this, columnsNeeded, order);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly LabeledImageDataView view;
        private readonly bool[] active;
        private readonly int[] order;
        private long position = -1;
        private bool done;

        public Cursor(LabeledImageDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded, int[] order)
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

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)order[CurrentRow()], 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            Delegate getter = column.Index switch
            {
                ImageColumn => (ValueGetter<VBuffer<float>>)GetImage,
                LabelColumn => (ValueGetter<float>)((ref float value) => value = Row().Label),
                ClassColumn => (ValueGetter<int>)((ref int value) => value = Row().Class),
                _ => throw new ArgumentOutOfRangeException(nameof(column), column.Name, "Not a column of this view."),
            };
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
                $"Column '{column.Name}' is {column.Type}; it cannot be read as {typeof(TValue).Name}.");
        }

        private void GetImage(ref VBuffer<float> value)
        {
            var row = Row();
            var editor = VBufferEditor.Create(ref value, view.length);
            var pixels = row.Pixels.AsSpan(row.Offset, view.length);
            var values = editor.Values;
            for (int i = 0; i < pixels.Length; i++) values[i] = pixels[i];
            value = editor.Commit();
        }

        private LabeledImage Row() => view.rows[order[CurrentRow()]];

        private int CurrentRow() => position >= 0
            ? (int)position
            : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first (and only read while it returns true).");
    }
}
