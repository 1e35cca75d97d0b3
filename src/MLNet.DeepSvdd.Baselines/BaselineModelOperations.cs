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
    public static ITransformer LoadBaselines(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema) =>
        BaselineModelFile.Instance.Load(catalog, filePath, out inputSchema);

    /// <summary>
    /// The baseline detector of type <typeparamref name="TDetector"/> inside a loaded model or pipeline, e.g.
    /// <c>mlContext.Model.GetBaselineDetector&lt;OneClassSvmTransformer&gt;(loaded).SupportVectorCount</c>.
    /// (The loaded model scores by itself; this is for the detector's parameters.)
    /// </summary>
    /// <exception cref="InvalidDataException">The model holds more than one, or holds no such detector.</exception>
    public static TDetector GetBaselineDetector<TDetector>(this ModelOperationsCatalog catalog, ITransformer loaded)
        where TDetector : AnomalyDetectorTransformer
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return BaselineModelFile.Instance.Single<TDetector>(loaded, MLContextAccess.TryEnvironment(catalog));
    }
}
