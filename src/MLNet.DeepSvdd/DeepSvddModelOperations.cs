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
    /// <remarks>
    /// Every Deep SVDD state in the file is checked against its SHA-256 before it is used (files saved before checksums existed load
    /// through their format checks only).
    /// </remarks>
    /// <exception cref="FileNotFoundException">The file does not exist, or is a folder.</exception>
    /// <exception cref="InvalidDataException">The file is corrupt (any damage, in the zip container or in the model state), or holds no Deep SVDD model.</exception>
    public static ITransformer LoadDeepSvdd(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        return ModelFileLoading.LoadFile(catalog, filePath, "a model with Deep SVDD", loaded => catalog.RestoreDeepSvdd(loaded), out inputSchema);
    }

    /// <summary>Like <see cref="LoadDeepSvdd(ModelOperationsCatalog, string, out DataViewSchema)"/>, from a stream.</summary>
    /// <exception cref="InvalidDataException">The stream's model is corrupt, or holds no Deep SVDD model.</exception>
    public static ITransformer LoadDeepSvdd(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        var (model, schema) = ModelFileLoading.Run("The model stream", "a model with Deep SVDD", () =>
        {
            var loaded = catalog.Load(stream, out var s);
            return (ModelFileLoading.CheckSchema(catalog.RestoreDeepSvdd(loaded), s), s);
        });
        inputSchema = schema;
        return model;
    }

    /// <summary>
    /// Replaces every Deep SVDD model inside an already loaded model by a batched <see cref="DeepSvddTransformer"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The model holds no Deep SVDD model.</exception>
    public static ITransformer RestoreDeepSvdd(this ModelOperationsCatalog catalog, ITransformer loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var restored = SavedModelRestorer.Restore(loaded, catalog is null ? null : MLContextAccess.TryEnvironment(catalog), out int count);
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
        var all = SavedModelRestorer.FindAll(loaded, catalog is null ? null : MLContextAccess.TryEnvironment(catalog)).ToList();
        return all.Count switch
        {
            1 => all[0],
            0 => throw new InvalidDataException("The model holds no Deep SVDD model."),
            _ => throw new InvalidDataException($"The model holds {all.Count} Deep SVDD models; restore it with RestoreDeepSvdd and walk the chain."),
        };
    }
}
