using Microsoft.ML;
using MLNet.DeepSvdd.Persistence;

namespace MLNet.DeepSvdd;

/// <summary>
/// Loading Deep SVDD models back into their batched form. <c>mlContext.Model.Load</c> alone already gives a working model, but one that
/// scores row by row (ML.NET rebuilds it from standard transforms); these methods restore the batched <see cref="DeepSvddTransformer"/>.
/// </summary>
public static class DeepSvddModelOperations
{
    /// <summary>
    /// Loads a model file saved with <c>mlContext.Model.Save</c> and replaces every Deep SVDD model in it by a batched
    /// <see cref="DeepSvddTransformer"/>; the rest of the pipeline is kept as loaded.
    /// </summary>
    /// <exception cref="InvalidDataException">The file holds no Deep SVDD model.</exception>
    public static ITransformer LoadDeepSvdd(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!File.Exists(filePath)) throw new FileNotFoundException($"Model file '{filePath}' does not exist.", filePath);
        return catalog.RestoreDeepSvdd(catalog.Load(filePath, out inputSchema));
    }

    /// <summary>Like <see cref="LoadDeepSvdd(ModelOperationsCatalog, string, out DataViewSchema)"/>, from a stream.</summary>
    public static ITransformer LoadDeepSvdd(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.RestoreDeepSvdd(catalog.Load(stream, out inputSchema));
    }

    /// <summary>
    /// Replaces every Deep SVDD model inside an already loaded model by a batched <see cref="DeepSvddTransformer"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The model holds no Deep SVDD model.</exception>
    public static ITransformer RestoreDeepSvdd(this ModelOperationsCatalog catalog, ITransformer loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var restored = SavedModelRestorer.Restore(loaded, out int count);
        if (count == 0 && SavedModelRestorer.FindAll(loaded).FirstOrDefault() is null)
            throw new InvalidDataException("The model holds no Deep SVDD model (no transforms saved by MLNet.DeepSvdd were found in it).");
        return restored;
    }

    /// <summary>
    /// The Deep SVDD model inside a loaded model or pipeline, with its centre, threshold and training report.
    /// </summary>
    /// <exception cref="InvalidDataException">The model holds no Deep SVDD model, or more than one.</exception>
    public static DeepSvddTransformer GetDeepSvdd(this ModelOperationsCatalog catalog, ITransformer loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var all = SavedModelRestorer.FindAll(loaded).ToList();
        return all.Count switch
        {
            1 => all[0],
            0 => throw new InvalidDataException("The model holds no Deep SVDD model."),
            _ => throw new InvalidDataException($"The model holds {all.Count} Deep SVDD models; restore it with RestoreDeepSvdd and walk the chain."),
        };
    }
}
