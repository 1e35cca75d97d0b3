using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Scoring;

/// <summary>
/// Row-by-row scoring (<see cref="IRowToRowMapper"/>), the path of <c>PredictionEngine</c>: each row's score is computed on first access,
/// as a batch of one row. The row is checked like every scoring path's (<see cref="FeatureRowCheck"/>); a row with a NaN or infinite
/// feature scores +∞ and is predicted anomalous (<see cref="NonFiniteFeatures"/>).
/// </summary>
internal sealed class RowScorer(IBatchScorer model, float threshold, OutputSchema schema) : IRowToRowMapper
{
    public DataViewSchema InputSchema => schema.Input;

    public DataViewSchema OutputSchema => schema.Schema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        schema.Dependencies(dependingColumns);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new ScoredRow(model, threshold, schema, input, activeColumns.Select(c => c.Index).ToHashSet());

    private sealed class ScoredRow(IBatchScorer model, float threshold, OutputSchema schema, DataViewRow input, HashSet<int> active) : DataViewRow
    {
        private readonly float[] features = new float[model.InputSize];
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
            ValueGetter<bool> getLabel = (ref bool value) => value = NonFiniteFeatures.IsAnomaly(Current(), threshold);
            return getLabel as ValueGetter<TValue> ?? throw Scoring.OutputSchema.WrongType<TValue>(column);
        }

        private float Current()
        {
            if (scoredPosition == input.Position) return score;
            featureGetter ??= input.GetGetter<VBuffer<float>>(schema.Feature);
            featureGetter(ref buffer);
            FeatureRowCheck.CheckLength(buffer.Length, features.Length, schema.Feature.Name, input.Position);
            buffer.CopyTo(features);
            score = NonFiniteFeatures.ScoreRow(model, features);
            scoredPosition = input.Position;
            return score;
        }

    }
}
