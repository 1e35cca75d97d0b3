namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// Adds a column with an altered copy of an image column (see <see cref="ImageAlteration"/>); made by <see cref="ImageAlterationEstimator"/>
/// or <see cref="AlterationCatalog"/>. Each row is altered lazily when the column is read, with the seed
/// <see cref="AlterationSeed.For"/>(seed, pixels), so the result depends only on the seed and the row's image: not on its position, the
/// reading order, shuffling or threads.
/// </summary>
/// <remarks>
/// The transformer builds evaluation data; it is not meant to be part of a scoring model, and <c>mlContext.Model.Save</c> refuses it
/// (ML.NET's loader registry is closed to other assemblies). Save the model fitted on the altered data instead.
/// </remarks>
public sealed class ImageAlterationTransformer : ITransformer
{
    internal ImageAlterationTransformer(ImageAlteration alteration, string outputColumnName, string inputColumnName, int seed,
        string? maskColumnName = null)
    {
        Alteration = alteration;
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Seed = seed;
        MaskColumnName = maskColumnName;
    }

    /// <summary>The alteration applied to every row.</summary>
    public ImageAlteration Alteration { get; }

    /// <summary>The column that receives the altered image (a vector of Single with the input's dimensions).</summary>
    public string OutputColumnName { get; }

    /// <summary>The image column: a vector of Single with dimensions [channels, height, width], values 0–255.</summary>
    public string InputColumnName { get; }

    /// <summary>The seed that, with each row's pixels, determines its alteration.</summary>
    public int Seed { get; }

    /// <summary>
    /// The column that receives the ground-truth mask of each row's defect, a vector of Single with dimensions [height, width]: 1 where the
    /// alteration put its defect, 0 elsewhere (see <see cref="ImageAlteration.ApplyWithMask(ReadOnlySpan{float}, int, int, int, int)"/>).
    /// Default null: no mask column.
    /// </summary>
    public string? MaskColumnName { get; }

    /// <summary>Always true: the transformer maps rows one at a time.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema plus the altered image column, then the mask column if <see cref="MaskColumnName"/> is set.</summary>
    /// <param name="inputSchema">The schema of the data to transform.</param>
    /// <returns>The output schema.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The image column is missing or is not a [C, H, W] vector of Single.</exception>
    /// <exception cref="ArgumentException">The alteration cannot handle the image shape (e.g. a block count that does not divide it).</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).OutputSchema;

    /// <summary>The input data with the altered image column added (computed lazily as rows are read).</summary>
    /// <param name="input">The data.</param>
    /// <returns>The transformed view.</returns>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new AlteredDataView(input, Bind(input.Schema));
    }

    /// <summary>The row-to-row mapper, for <c>PredictionEngine</c>.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <returns>The mapper.</returns>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new AlterationRowMapper(Bind(inputSchema));

    /// <summary>Not supported: alteration transforms build evaluation data and are not saved with models.</summary>
    /// <param name="ctx">Unused.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(
        $"The {Alteration.Name} transform makes anomalies for evaluation data and cannot be saved in a model file. Apply it to the data " +
        "(Transform), then fit and save the detector on the result.");

    private AlterationBinding Bind(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new AlterationBinding(inputSchema, Alteration, OutputColumnName, InputColumnName, Seed, MaskColumnName);
    }
}
