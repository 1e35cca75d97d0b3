using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Scoring;

/// <summary>
/// The lazy result of a detector's <c>Transform</c>: a cursor reads the features of the next batch of rows through a second,
/// look-ahead cursor over the same data, scores them with one forward pass, and serves the scores as the main cursor passes the rows.
/// (Two cursors without shuffling see the rows in the same order, which <see cref="IDataView"/> guarantees.)
/// </summary>
internal sealed class BatchScoringDataView(IDataView input, IBatchScorer model, float threshold, OutputSchema schema, int batchSize) : IDataView
{
    private readonly IBatchScorer model = model;
    private readonly float threshold = threshold;
    private readonly OutputSchema schema = schema;
    private readonly int batchSize = batchSize;

    public bool CanShuffle => false;

    public DataViewSchema Schema => schema.Schema;

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        bool scores = needed.Any(c => schema.IsOutput(c.Index));
        var main = input.GetRowCursor(needed.Where(c => !schema.IsOutput(c.Index)).Select(c => schema.Input[c.Index]));
        var lookAhead = scores ? input.GetRowCursor([schema.Feature]) : null;
        return new Cursor(this, main, lookAhead, needed.Select(c => c.Index).ToHashSet());
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    internal static void CheckLength(in VBuffer<float> buffer, int expected, string column, long row)
    {
        if (buffer.Length != expected)
            throw new InvalidOperationException($"Row {row} of feature column '{column}' has {buffer.Length} values; the model expects {expected}.");
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly BatchScoringDataView owner;
        private readonly DataViewRowCursor main;
        private readonly DataViewRowCursor? lookAhead;
        private readonly ValueGetter<VBuffer<float>>? featureGetter;
        private readonly HashSet<int> active;
        private readonly float[] values;
        private readonly float[] scores;
        private VBuffer<float> buffer;
        private long batchStart;
        private int batchCount;

        public Cursor(BatchScoringDataView owner, DataViewRowCursor main, DataViewRowCursor? lookAhead, HashSet<int> active)
        {
            this.owner = owner;
            this.main = main;
            this.lookAhead = lookAhead;
            this.active = active;
            featureGetter = lookAhead?.GetGetter<VBuffer<float>>(owner.schema.Feature);
            int size = owner.model.InputSize;
            values = lookAhead is null ? [] : new float[owner.batchSize * size];
            scores = lookAhead is null ? [] : new float[owner.batchSize];
        }

        public override DataViewSchema Schema => owner.schema.Schema;

        public override long Position => main.Position;

        public override long Batch => main.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => main.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override bool MoveNext()
        {
            if (!main.MoveNext()) return false;
            if (lookAhead is not null && main.Position >= batchStart + batchCount) FillBatch();
            return true;
        }

        private void FillBatch()
        {
            int size = owner.model.InputSize;
            batchStart = main.Position;
            batchCount = 0;
            while (batchCount < owner.batchSize && lookAhead!.MoveNext())
            {
                if (lookAhead.Position != batchStart + batchCount)
                    throw new InvalidOperationException("The input data returned rows in a different order to two cursors; it cannot be scored in batches.");
                featureGetter!(ref buffer);
                CheckLength(buffer, size, owner.schema.Feature.Name, lookAhead.Position);
                buffer.CopyTo(values.AsSpan(batchCount * size, size));
                batchCount++;
            }
            if (batchCount == 0) throw new InvalidOperationException("The input data returned fewer rows to a second cursor; it cannot be scored in batches.");
            owner.model.Score(values, batchCount, scores);
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!owner.schema.IsOutput(column.Index)) return main.GetGetter<TValue>(owner.schema.Input[column.Index]);
            if (!active.Contains(column.Index)) throw new InvalidOperationException($"Column '{column.Name}' was not requested from this cursor.");
            if (column.Index == owner.schema.ScoreIndex)
            {
                ValueGetter<float> getScore = (ref float value) => value = scores[main.Position - batchStart];
                return getScore as ValueGetter<TValue> ?? throw OutputSchema.WrongType<TValue>(column);
            }
            ValueGetter<bool> getLabel = (ref bool value) => value = scores[main.Position - batchStart] > owner.threshold;
            return getLabel as ValueGetter<TValue> ?? throw OutputSchema.WrongType<TValue>(column);
        }


        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                main.Dispose();
                lookAhead?.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
