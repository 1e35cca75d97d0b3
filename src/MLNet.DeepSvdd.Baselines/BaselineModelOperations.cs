namespace MLNet.DeepSvdd.Baselines;

/// <summary>Loading models that hold baseline detectors with an integrity check, and getting the typed detector back from a loaded model.</summary>
public static class BaselineModelOperations
{
    /// <summary>
    /// Loads a model file saved with <c>mlContext.Model.Save</c> that holds Isolation Forest or one-class SVM detectors, checks every
    /// detector state in it against its SHA-256 (plain <c>mlContext.Model.Load</c> checks it only when the first row is scored), and
    /// replaces each saved detector by its typed transformer (<see cref="IsolationForestTransformer"/>, <see cref="OneClassSvmTransformer"/>),
    /// which scores in batches on all cores and checks the feature column's type and size up front. The rest of the pipeline is kept as loaded.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist, or is a folder.</exception>
    /// <exception cref="InvalidDataException">The file is corrupt (any damage, in the zip container or in a detector state), or holds no baseline detector.</exception>
    public static ITransformer LoadBaselines(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        return ModelFileLoading.LoadFile(catalog, filePath, "a model with baseline detectors", loaded =>
        {
            var restored = SavedModelRestorer.Restore(loaded, out int count);
            if (count == 0 && loaded is not AnomalyDetectorTransformer)
                throw new InvalidDataException($"Model file '{filePath}' holds no baseline detector (no transforms saved by MLNet.DeepSvdd.Baselines were found in it).");
            return restored;
        }, out inputSchema);
    }

    /// <summary>
    /// The baseline detector of type <typeparamref name="TDetector"/> inside a loaded model or pipeline, e.g.
    /// <c>mlContext.Model.GetBaselineDetector&lt;OneClassSvmTransformer&gt;(loaded).SupportVectorCount</c>.
    /// (The loaded model scores by itself; this is for the detector's parameters.)
    /// </summary>
    /// <exception cref="InvalidDataException">The model holds no such detector, or more than one.</exception>
    public static TDetector GetBaselineDetector<TDetector>(this ModelOperationsCatalog catalog, ITransformer loaded)
        where TDetector : AnomalyDetectorTransformer
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(loaded);
        var all = SavedModelRestorer.FindAll(loaded).OfType<TDetector>().ToList();
        return all.Count switch
        {
            1 => all[0],
            0 => throw new InvalidDataException($"The model holds no {typeof(TDetector).Name}."),
            _ => throw new InvalidDataException($"The model holds {all.Count} detectors of type {typeof(TDetector).Name}; walk the chain instead."),
        };
    }
}
