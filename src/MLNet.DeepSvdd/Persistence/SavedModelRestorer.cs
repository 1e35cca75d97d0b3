using Microsoft.ML;

namespace MLNet.DeepSvdd.Persistence;

/// <summary>
/// Finds the transforms written by <see cref="SavedModelChain"/> in a loaded model (at any depth of nested transformer chains) and
/// replaces each such run by a batched <see cref="DeepSvddTransformer"/>; everything else in the pipeline is kept as loaded.
/// </summary>
internal static class SavedModelRestorer
{
    public static ITransformer Restore(ITransformer loaded, out int restored) =>
        SavedModelChain.Format.Restore(loaded, FromState, out restored);

    public static IEnumerable<DeepSvddTransformer> FindAll(ITransformer loaded) => SavedModelChain.Format.FindAll(loaded, FromState);

    private static DeepSvddTransformer FromState(ReadOnlyMemory<char> state)
    {
        var entry = StateCache.Get(state);
        return new DeepSvddTransformer(entry.Model, entry.Threshold, entry.Metadata.FeatureColumnName, entry.Metadata.Report.ToReport())
        {
            ScoringBatchSize = entry.Metadata.ScoringBatchSize,
        };
    }
}
