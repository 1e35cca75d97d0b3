using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Scoring;

/// <summary>
/// The lazy result of a detector's <c>Transform</c>: a cursor reads the features of the next batch of rows ahead of the main cursor
/// (<see cref="LookAheadBatch"/>), scores them with one forward pass, and serves the scores as the main cursor passes the rows.
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

    private sealed class Cursor(BatchScoringDataView owner, DataViewRowCursor main, DataViewRowCursor? lookAhead, HashSet<int> active)
        : LookAheadCursor(main, lookAhead is null ? null : new LookAheadBatch(lookAhead, owner.schema.Feature, owner.model.InputSize, owner.batchSize), active)
    {
        private readonly float[] scores = lookAhead is null ? [] : new float[owner.batchSize];

        public override DataViewSchema Schema => owner.schema.Schema;

        protected override void Process(LookAheadBatch rows) => owner.model.Score(rows.Values, rows.Count, scores);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!owner.schema.IsOutput(column.Index)) return Main.GetGetter<TValue>(owner.schema.Input[column.Index]);
            EnsureActive(column);
            if (column.Index == owner.schema.ScoreIndex)
            {
                ValueGetter<float> getScore = (ref float value) => value = scores[Current];
                return getScore as ValueGetter<TValue> ?? throw OutputSchema.WrongType<TValue>(column);
            }
            ValueGetter<bool> getLabel = (ref bool value) => value = scores[Current] > owner.threshold;
            return getLabel as ValueGetter<TValue> ?? throw OutputSchema.WrongType<TValue>(column);
        }
    }
}
