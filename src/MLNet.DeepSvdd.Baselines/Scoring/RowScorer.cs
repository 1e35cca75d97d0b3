using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Baselines.Scoring;

/// <summary>
/// Row-by-row scoring (<see cref="IRowToRowMapper"/>), the path of <c>PredictionEngine</c>: a row's score is computed on first access.
/// </summary>
internal sealed class RowScorer(IAnomalyScorer scorer, float threshold, OutputSchema schema) : IRowToRowMapper
{
    public DataViewSchema InputSchema => schema.Input;

    public DataViewSchema OutputSchema => schema.Schema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        schema.Dependencies(dependingColumns);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new ScoredRow(scorer, threshold, schema, input, activeColumns.Select(c => c.Index).ToHashSet());

    private sealed class ScoredRow(IAnomalyScorer scorer, float threshold, OutputSchema schema, DataViewRow input, HashSet<int> active) : DataViewRow
    {
        private readonly float[] features = new float[scorer.InputSize];
        private ValueGetter<VBuffer<float>>? featureGetter;
        private VBuffer<float> buffer;
        private long scoredPosition = -1;
        private float score;

        public override DataViewSchema Schema => schema.Schema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            schema.IsOutput(column.Index) ? active.Contains(column.Index) : input.IsColumnActive(schema.Input[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!schema.IsOutput(column.Index)) return input.GetGetter<TValue>(schema.Input[column.Index]);
            if (column.Index == schema.ScoreIndex)
            {
                ValueGetter<float> getScore = (ref float value) => value = Current();
                return getScore as ValueGetter<TValue> ?? throw Scoring.OutputSchema.WrongType<TValue>(column);
            }
            ValueGetter<bool> getLabel = (ref bool value) => value = RowScoring.IsAnomaly(Current(), threshold);
            return getLabel as ValueGetter<TValue> ?? throw Scoring.OutputSchema.WrongType<TValue>(column);
        }

        private float Current()
        {
            if (scoredPosition == input.Position) return score;
            featureGetter ??= input.GetGetter<VBuffer<float>>(schema.Feature);
            featureGetter(ref buffer);
            schema.CheckLength(buffer, features.Length, input.Position);
            buffer.CopyTo(features);
            score = RowScoring.Score(scorer, features);
            scoredPosition = input.Position;
            return score;
        }
    }
}
