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
        private readonly float[] map = new float[schema.MapSize];
        private long scoredPosition = -1;
        private float score;

        protected override ValueGetter<TValue> GetOutputGetter<TValue>(DataViewSchema.Column column) =>
            Columns.OutputGetter<TValue>(column, Current, () => { Current(); return map; }, threshold);

        private float Current()
        {
            if (scoredPosition == Input.Position) return score;
            featureGetter ??= Input.GetGetter<VBuffer<float>>(Columns.Feature);
            featureGetter(ref buffer);
            FeatureRowCheck.CheckLength(buffer.Length, features.Length, Columns.Feature.Name, Input.Position);
            buffer.CopyTo(features);
            if (Columns.HasMaps)
            {
                Span<float> one = stackalloc float[1];
                NonFiniteFeatures.ScoreBatch((IMapScorer)model, features, 1, features.Length, one, map, map.Length);
                score = one[0];
            }
            else score = NonFiniteFeatures.ScoreRow(model, features);
            scoredPosition = Input.Position;
            return score;
        }
    }
}
