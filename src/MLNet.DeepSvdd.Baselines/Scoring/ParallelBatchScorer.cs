namespace MLNet.DeepSvdd.Baselines.Scoring;

/// <summary>
/// A baseline detector as a batch scorer for the shared scoring views: the rows of a batch are scored on all cores (they are independent,
/// so the scores do not depend on the thread count), each by <see cref="RowScoring.Score"/>.
/// </summary>
internal sealed class ParallelBatchScorer(IAnomalyScorer scorer) : IBatchScorer
{
    public int InputSize => scorer.InputSize;

    public void Score(float[] values, int rows, Span<float> scores)
    {
        int size = InputSize;
        if (rows == 1)
        {
            scores[0] = RowScoring.Score(scorer, values.AsSpan(0, size));
            return;
        }
        var results = new float[rows];
        Parallel.For(0, rows, k => results[k] = RowScoring.Score(scorer, values.AsSpan(k * size, size)));
        results.CopyTo(scores);
    }
}
