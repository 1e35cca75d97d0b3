namespace MLNet.DeepSvdd.Persistence;

/// <summary>
/// Finds the transforms written by <see cref="SavedModelChain"/> in a loaded model (at any depth of nested transformer chains) and
/// replaces each such run by a batched <see cref="DeepSvddTransformer"/>; everything else in the pipeline is kept as loaded.
/// </summary>
internal static class SavedModelRestorer
{
    /// <summary>Replaces every saved Deep SVDD run in <paramref name="loaded"/>; <paramref name="restored"/> counts them.</summary>
    /// <param name="loaded">A model loaded with <c>mlContext.Model.Load</c>.</param>
    /// <param name="environment">The MLContext's environment the restored detectors log to, or null.</param>
    /// <param name="restored">How many detectors were restored.</param>
    public static ITransformer Restore(ITransformer loaded, IHostEnvironment? environment, out int restored) =>
        SavedModelChain.Format.Restore(loaded, state => FromState(state, environment), out restored);

    public static IEnumerable<DeepSvddTransformer> FindAll(ITransformer loaded, IHostEnvironment? environment = null) =>
        SavedModelChain.Format.FindAll(loaded, state => FromState(state, environment));

    private static DeepSvddTransformer FromState(ReadOnlyMemory<char> state, IHostEnvironment? environment) =>
        StateCache.Get(state).WithEnvironment(environment);
}
