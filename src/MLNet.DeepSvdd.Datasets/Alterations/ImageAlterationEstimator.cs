namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// The estimator of an <see cref="ImageAlterationTransformer"/>: nothing is learned, <see cref="Fit"/> only checks the image column.
/// Create it with <c>mlContext.Transforms.BlockPermutation(...)</c>, <c>.Strokes(...)</c>, <c>.CutPaste(...)</c>, <c>.CutPasteScar(...)</c> or <c>.AlterImages(...)</c>
/// (<see cref="AlterationCatalog"/>).
/// </summary>
public sealed class ImageAlterationEstimator : IEstimator<ImageAlterationTransformer>
{
    /// <summary>Creates the estimator.</summary>
    /// <param name="alteration">The alteration to apply to every row.</param>
    /// <param name="outputColumnName">The column that receives the altered image.</param>
    /// <param name="inputColumnName">The image column ([C, H, W] vector of Single, values 0–255); null for <paramref name="outputColumnName"/>.</param>
    /// <param name="seed">With each row's pixels, determines its alteration (<see cref="AlterationSeed.For"/>).</param>
    /// <param name="maskColumnName">The column that receives each row's defect mask (vector of Single [height, width], 1 = defect); default
    /// null, no mask column. Must differ from <paramref name="outputColumnName"/>.</param>
    /// <exception cref="ArgumentException">A column name is blank, or the mask column has the altered image column's name.</exception>
    public ImageAlterationEstimator(ImageAlteration alteration, string outputColumnName, string? inputColumnName = null, int seed = 0,
        string? maskColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(alteration);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        if (inputColumnName is not null) ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        if (maskColumnName is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(maskColumnName);
            if (maskColumnName == outputColumnName)
            {
                throw new ArgumentException(
                    $"The mask column and the altered image column are both named '{outputColumnName}'; give the mask another name.", nameof(maskColumnName));
            }
        }
        Alteration = alteration;
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName ?? outputColumnName;
        Seed = seed;
        MaskColumnName = maskColumnName;
    }

    /// <summary>The alteration applied to every row.</summary>
    public ImageAlteration Alteration { get; }

    /// <summary>The column that receives the altered image.</summary>
    public string OutputColumnName { get; }

    /// <summary>The image column.</summary>
    public string InputColumnName { get; }

    /// <summary>The seed that, with each row's pixels, determines its alteration.</summary>
    public int Seed { get; }

    /// <summary>The column that receives each row's defect mask (vector of Single [height, width], 1 = defect); null (the default) for none.</summary>
    public string? MaskColumnName { get; }

    /// <summary>Checks the image column of <paramref name="input"/> and returns the transformer.</summary>
    /// <param name="input">Data with the image column.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The image column is missing or is not a [C, H, W] vector of Single.</exception>
    /// <exception cref="ArgumentException">The alteration cannot handle the image shape.</exception>
    public ImageAlterationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new ImageAlterationTransformer(Alteration, OutputColumnName, InputColumnName, Seed, MaskColumnName);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    /// <summary>
    /// The input shape plus the output column. A <see cref="SchemaShape"/> has no dimensions, so only "known-size vector of Single" is
    /// checked here; <see cref="Fit"/> checks the [C, H, W] dimensions.
    /// </summary>
    /// <param name="inputSchema">The shape of the input.</param>
    /// <returns>The shape of the output.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The image column is missing or is not a known-size vector of Single.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var image = inputSchema.LastOrDefault(c => c.Name == InputColumnName);
        if (image.Name is null)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Image column '{InputColumnName}' was not found. Available columns: {string.Join(", ", inputSchema.Select(c => $"'{c.Name}'"))}.");
        }
        if (image.Kind != SchemaShape.Column.VectorKind.Vector || image.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"{Alteration.Name} needs column '{InputColumnName}' to be a known-size vector of Single ([C, H, W] image pixels); it is " +
                $"{image.Kind} of {image.ItemType}.");
        }
        // SchemaShape.Column has no public constructor; the output has the input column's shape, which is what CopyColumns declares, and
        // the mask is a known-size vector of Single as well (its dimensions are not part of a SchemaShape).
        var shape = new MLContext().Transforms.CopyColumns(OutputColumnName, InputColumnName).GetOutputSchema(inputSchema);
        return MaskColumnName is null ? shape : new MLContext().Transforms.CopyColumns(MaskColumnName, InputColumnName).GetOutputSchema(shape);
    }
}
