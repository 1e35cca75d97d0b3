namespace MLNet.DeepSvdd.Features;

/// <summary>
/// Estimator of <see cref="ResNet18FeaturesTransformer"/>: nothing is learned (the network is ImageNet-pretrained and frozen); Fit checks
/// the input column and loads the network. Create it with <c>mlContext.Transforms.ResNet18Features(...)</c>.
/// </summary>
public sealed class ResNet18FeaturesEstimator : IEstimator<ResNet18FeaturesTransformer>
{
    internal ResNet18FeaturesEstimator(string outputColumnName, string inputColumnName, bool useMaxPool, int batchSize, int? inputResolution = null)
    {
        if (inputResolution is < 16 or > 4096)
            throw new ArgumentOutOfRangeException(nameof(inputResolution), inputResolution, "inputResolution must be null (the images' own size) or a side from 16 to 4096 pixels.");
        if (string.IsNullOrWhiteSpace(outputColumnName)) throw new ArgumentException("outputColumnName must name a column.", nameof(outputColumnName));
        if (string.IsNullOrWhiteSpace(inputColumnName)) throw new ArgumentException("inputColumnName must name a column.", nameof(inputColumnName));
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be ≥ 1.");
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        UseMaxPool = useMaxPool;
        BatchSize = batchSize;
        InputResolution = inputResolution;
    }

    /// <summary>The side images are resized to before the network, or null for their own size.</summary>
    public int? InputResolution { get; }

    /// <summary>The 512-value output column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The pixel column.</summary>
    public string InputColumnName { get; }

    /// <summary>Whether the stem's max-pool is kept.</summary>
    public bool UseMaxPool { get; }

    /// <summary>Images per forward pass.</summary>
    public int BatchSize { get; }

    /// <summary>Checks the input column ([3, H, W] Single pixels, H and W ≥ 16) and loads the pretrained network.</summary>
    public ResNet18FeaturesTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = ResNet18FeaturesTransformer.ImageShapeOf(input.Schema, InputColumnName);
        return new ResNet18FeaturesTransformer(OutputColumnName, InputColumnName, UseMaxPool, BatchSize, shape[1], shape[2], InputResolution);
    }

    /// <summary>The input schema plus the 512-value output column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = inputSchema.FirstOrDefault(c => c.Name == InputColumnName);
        if (column.Name is null)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Input column '{InputColumnName}' was not found in the input schema.");
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Input column '{InputColumnName}' must be a known-size vector of Single ([3, H, W] pixels).");
        // SchemaShape.Column has no public constructor: let schema-only transforms with the same output type add the column.
        var ml = new MLContext();
        return ml.Transforms.CustomMapping<NoColumns, ResNet18FeaturesRow>((_, _) => { }, null)
            .Append(ml.Transforms.CopyColumns(OutputColumnName, ResNet18FeaturesSaving.Features))
            .Append(ml.Transforms.DropColumns(ResNet18FeaturesSaving.Features))
            .GetOutputSchema(inputSchema);
    }
}
