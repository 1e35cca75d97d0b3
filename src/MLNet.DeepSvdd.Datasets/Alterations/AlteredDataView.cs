namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// The output of an <see cref="ImageAlterationTransformer"/>: the input view with the altered image column (and the mask column, if asked
/// for) added. Rows are altered lazily,
/// only when that column is read, each with its own seed from <see cref="AlterationSeed.For"/>; shuffling and cursor sets are passed
/// through to the input, since no row depends on another or on the reading order.
/// </summary>
internal sealed class AlteredDataView(IDataView input, AlterationBinding binding) : IDataView
{
    public DataViewSchema Schema => binding.OutputSchema;

    public bool CanShuffle => input.CanShuffle;

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var columns = columnsNeeded.ToList();
        return new Cursor(input.GetRowCursor(binding.InputColumnsFor(columns), rand), binding, columns);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var columns = columnsNeeded.ToList();
        return [.. input.GetRowCursorSet(binding.InputColumnsFor(columns), n, rand).Select(c => new Cursor(c, binding, columns))];
    }

    private sealed class Cursor(DataViewRowCursor input, AlterationBinding binding, IReadOnlyList<DataViewSchema.Column> columnsNeeded)
        : DataViewRowCursor
    {
        private readonly HashSet<int> activeOutputs = binding.OutputsAmong(columnsNeeded);
        private readonly Lazy<RowAlteration> row = new(() => binding.CreateRowAlteration(input, cachePerPosition: true));

        public override DataViewSchema Schema => binding.OutputSchema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override bool MoveNext() => input.MoveNext();

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            binding.IsOutput(column) ? activeOutputs.Contains(column.Index) : input.IsColumnActive(binding.InputSchema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column)) throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            return binding.GetGetter<TValue>(input, column, row);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) input.Dispose();
            base.Dispose(disposing);
        }
    }
}
