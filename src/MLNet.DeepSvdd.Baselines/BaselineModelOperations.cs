using Microsoft.ML;
using MLNet.DeepSvdd.Baselines.Persistence;

namespace MLNet.DeepSvdd.Baselines;

/// <summary>Getting the typed detector back from a model loaded with <c>mlContext.Model.Load</c>.</summary>
public static class BaselineModelOperations
{
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
