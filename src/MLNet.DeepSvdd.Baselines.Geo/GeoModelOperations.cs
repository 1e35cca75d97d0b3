namespace MLNet.DeepSvdd.Baselines.Geo;

/// <summary>
/// Loading GEO models back into their batched form. <c>mlContext.Model.Load</c> alone already gives a working model that scores row by
/// row; these methods restore the batched <see cref="GeoTransformer"/>.
/// </summary>
public static class GeoModelOperations
{
    /// <summary>Loads a model file and replaces every GEO model in it by a batched <see cref="GeoTransformer"/>; the rest is kept as loaded.</summary>
    /// <remarks>Every GEO state in the file is checked against its SHA-256 before it is used (files saved before checksums existed load
    /// through their format checks only).</remarks>
    /// <exception cref="FileNotFoundException">The file does not exist, or is a folder.</exception>
    /// <exception cref="InvalidDataException">The file is corrupt (any damage, in the zip container or in the model state), or holds no GEO model.</exception>
    public static ITransformer LoadGeo(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema) =>
        GeoModelFile.Instance.Load(catalog, filePath, out inputSchema);

    /// <summary>The GEO model inside a loaded model or pipeline, with its Dirichlet parameters, threshold and training report.</summary>
    /// <exception cref="InvalidDataException">The model holds more than one, or holds no GEO model.</exception>
    public static GeoTransformer GetGeo(this ModelOperationsCatalog catalog, ITransformer loaded)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return GeoModelFile.Instance.Single<GeoTransformer>(loaded, MLContextAccess.TryEnvironment(catalog));
    }
}
