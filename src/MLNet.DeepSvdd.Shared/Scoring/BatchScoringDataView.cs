using Microsoft.ML.Runtime;

namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>
/// The lazy result of a detector's <c>Transform</c>: a cursor reads the features of the next batch of rows ahead of the main cursor
/// (<see cref="LookAheadBatch"/>), scores them with one forward pass, and serves the scores as the main cursor passes the rows.
/// Rows with a NaN or infinite feature score +∞ and are predicted anomalous (<see cref="NonFiniteFeatures"/>); a cursor that met such rows
/// logs one warning with their count through <paramref name="environment"/> (when given) as it is disposed.
/// </summary>
/// <param name="input">The data to score.</param>
/// <param name="model">The detector's batched scorer.</param>
/// <param name="threshold">PredictedLabel is Score &gt; threshold.</param>
/// <param name="schema">The input schema plus Score and PredictedLabel.</param>
/// <param name="batchSize">Rows per scoring batch.</param>
/// <param name="detector">The detector's name in log messages, e.g. "Deep SVDD".</param>
/// <param name="environment">The MLContext's environment for that warning, or null where the model has none.</param>
internal sealed class BatchScoringDataView(IDataView input, IBatchScorer model, float threshold, OutputSchema schema, int batchSize,
    string detector = "Detector", IHostEnvironment? environment = null) : IDataView
{
    private readonly IBatchScorer model = model;
    private readonly float threshold = threshold;
    private readonly OutputSchema schema = schema;
    private readonly int batchSize = batchSize;
    private readonly string detector = detector;
    private readonly IHostEnvironment? environment = environment;

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
        private readonly float[] maps = lookAhead is null || !owner.schema.HasMaps ? [] : new float[(long)owner.batchSize * owner.schema.MapSize];
        private long scored, nonFinite, firstNonFinite = -1;

        public override DataViewSchema Schema => owner.schema.Schema;

        protected override void Process(LookAheadBatch rows)
        {
            var (count, first) = owner.schema.HasMaps
                ? NonFiniteFeatures.ScoreBatch((IMapScorer)owner.model, rows.Values, rows.Count, rows.RowSize, scores, maps, owner.schema.MapSize)
                : NonFiniteFeatures.ScoreBatch(owner.model, rows.Values, rows.Count, rows.RowSize, scores);
            scored += rows.Count;
            if (count == 0) return;
            if (nonFinite == 0) firstNonFinite = rows.Start + first;
            nonFinite += count;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && nonFinite > 0 && owner.environment is { } env)
            {
                using var channel = env.Start("Scoring");
                channel.Warning(MessageSensitivity.None,
                    NonFiniteFeatures.Message(owner.detector, owner.schema.Feature.Name, nonFinite, scored, firstNonFinite));
                nonFinite = 0;
            }
            base.Dispose(disposing);
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!owner.schema.IsOutput(column.Index)) return Main.GetGetter<TValue>(owner.schema.Input[column.Index]);
            EnsureActive(column);
            int size = owner.schema.MapSize;
            return owner.schema.OutputGetter<TValue>(column, () => scores[Current], () => maps.AsMemory(Current * size, size), owner.threshold);
        }
    }
}
