namespace MLNet.DeepSvdd.Baselines.Persistence;

/// <summary>
/// Finds the transforms written by <see cref="SavedModelChain"/> in a loaded model, at any depth of nested transformer chains, and gives
/// back the typed detectors they hold.
/// </summary>
internal static class SavedModelRestorer
{
    public static IEnumerable<AnomalyDetectorTransformer> FindAll(ITransformer loaded) => SavedModelChain.Format.FindAll(loaded, StateCache.Get);

    /// <summary><paramref name="loaded"/> with every saved detector replaced by its typed transformer; <paramref name="restored"/> counts them.</summary>
    public static ITransformer Restore(ITransformer loaded, out int restored) => SavedModelChain.Format.Restore(loaded, StateCache.Get, out restored);
}
