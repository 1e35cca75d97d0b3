namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>
/// Row-by-row scoring (<see cref="IRowToRowMapper"/>), the path of <c>PredictionEngine</c>: each row's score is computed on first access,
/// as a batch of one row. The row is checked like every scoring path's (<see cref="FeatureRowCheck"/>); a row with a NaN or infinite
/// feature scores +∞ and is predicted anomalous (<see cref="NonFiniteFeatures"/>).
/// </summary>
internal sealed class RowScorer(IBatchScorer model, float threshold, OutputSchema schema) : AppendedColumnsMapper<OutputSchema>(schema)
{
    protected override DataViewRow CreateRow(DataViewRow input, HashSet<int> active) => new ScoredRow(model, threshold, Columns, input, active);

    private sealed class ScoredRow(IBatchScorer model, float threshold, OutputSchema schema, DataViewRow input, HashSet<int> active)
        : AppendedColumnsRow<OutputSchema>(schema, input, active)
    {
        private readonly float[] features = new float[model.InputSize];
        private ValueGetter<VBuffer<float>>? featureGetter;
        private VBuffer<float> buffer;
        private long scoredPosition = -1;
        private float score;

        protected override ValueGetter<TValue> GetOutputGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index == Columns.ScoreIndex)
            {
                ValueGetter<float> getScore = (ref float value) => value = Current();
                return getScore as ValueGetter<TValue> ?? throw Scoring.OutputSchema.WrongType<TValue>(column);
            }
            ValueGetter<bool> getLabel = (ref bool value) => value = NonFiniteFeatures.IsAnomaly(Current(), threshold);
            return getLabel as ValueGetter<TValue> ?? throw Scoring.OutputSchema.WrongType<TValue>(column);
        }

        private float Current()
        {
            if (scoredPosition == Input.Position) return score;
            featureGetter ??= Input.GetGetter<VBuffer<float>>(Columns.Feature);
            featureGetter(ref buffer);
            FeatureRowCheck.CheckLength(buffer.Length, features.Length, Columns.Feature.Name, Input.Position);
            buffer.CopyTo(features);
            score = NonFiniteFeatures.ScoreRow(model, features);
            scoredPosition = Input.Position;
            return score;
        }
    }
}
