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
    public static ITransformer LoadDeepSvdd(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema) =>
        DeepSvddModelFile.Instance.Load(catalog, filePath, out inputSchema);

    /// <summary>Like <see cref="LoadDeepSvdd(ModelOperationsCatalog, string, out DataViewSchema)"/>, from a stream.</summary>
    /// <exception cref="InvalidDataException">The stream's model is corrupt, or holds no Deep SVDD model.</exception>
    public static ITransformer LoadDeepSvdd(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema) =>
        DeepSvddModelFile.Instance.Load(catalog, stream, out inputSchema);

    /// <summary>Replaces every Deep SVDD model inside an already loaded model by a batched <see cref="DeepSvddTransformer"/>.</summary>
    /// <exception cref="InvalidDataException">The model holds no Deep SVDD model.</exception>
    public static ITransformer RestoreDeepSvdd(this ModelOperationsCatalog catalog, ITransformer loaded) =>
        DeepSvddModelFile.Instance.Restore(loaded, catalog is null ? null : MLContextAccess.TryEnvironment(catalog));

    /// <summary>The Deep SVDD model inside a loaded model or pipeline, with its centre, threshold and training report.</summary>
    /// <exception cref="InvalidDataException">The model holds more than one, or holds no Deep SVDD model.</exception>
    public static DeepSvddTransformer GetDeepSvdd(this ModelOperationsCatalog catalog, ITransformer loaded) =>
        DeepSvddModelFile.Instance.Single<DeepSvddTransformer>(loaded, catalog is null ? null : MLContextAccess.TryEnvironment(catalog));
}
