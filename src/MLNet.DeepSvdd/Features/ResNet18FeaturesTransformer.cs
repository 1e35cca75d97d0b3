using System.Collections.Concurrent;
using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Features;

/// <summary>
/// Adds the 512 pooled features of ML.NET's ImageNet ResNet-18 for the pixels of each row (see
/// <see cref="ResNet18FeaturesCatalog.ResNet18Features"/>). <see cref="Transform"/> is lazy and batched (one forward pass per
/// <see cref="BatchSize"/> rows); <c>PredictionEngine</c> computes one row at a time. <c>mlContext.Model.Save</c> writes standard ML.NET
/// transforms (a CustomMapping holds the computation), so a loaded pipeline computes the same features, one row at a time.
/// </summary>
public sealed class ResNet18FeaturesTransformer : ITransformer
{
    private static readonly ConcurrentDictionary<(int Height, int Width, bool Pool, int? Resolution), Lazy<PretrainedFeatures>> Extractors = new();

    internal ResNet18FeaturesTransformer(string outputColumnName, string inputColumnName, bool useMaxPool, int batchSize, int height, int width,
        int? inputResolution = null)
    {
        InputResolution = inputResolution is int side && (side != height || side != width) ? side : null;
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        UseMaxPool = useMaxPool;
        BatchSize = batchSize;
        Height = height;
        Width = width;
        _ = Extractor; // load the network now, so a missing ResNet18.onnx fails at Fit with its message
    }

    /// <summary>The 512-value output column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The pixel column: [3, <see cref="Height"/>, <see cref="Width"/>] RGB values in 0–255.</summary>
    public string InputColumnName { get; }

    /// <summary>Whether the stem's max-pool is kept.</summary>
    public bool UseMaxPool { get; }

    /// <summary>Images per forward pass of <see cref="Transform"/>.</summary>
    public int BatchSize { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>The side images are resized to before the network (bilinear), or null for their own size.</summary>
    public int? InputResolution { get; }

    /// <summary>Always true: features can be computed one row at a time (what <c>PredictionEngine</c> needs).</summary>
    public bool IsRowToRowMapper => true;

    internal PretrainedFeatures Extractor => ExtractorFor(Height, Width, UseMaxPool, InputResolution);

    internal int InputSize => 3 * Height * Width;

    /// <summary>The shared feature extractor for an image size (one network per size and pool setting per process).</summary>
    internal static PretrainedFeatures ExtractorFor(int height, int width, bool useMaxPool, int? resolution = null) =>
        Extractors.GetOrAdd((height, width, useMaxPool, resolution), key => new Lazy<PretrainedFeatures>(
            () => new PretrainedFeatures(key.Height, key.Width, key.Pool, resolution: key.Resolution), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The input schema plus the 512-value output column.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => new FeatureSchema(inputSchema, this).Schema;

    /// <summary>Computes the features lazily, <see cref="BatchSize"/> rows per forward pass.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new FeatureExtractionDataView(input, new FeatureSchema(input.Schema, this), this);
    }

    /// <summary>A row-by-row mapper (used by <c>PredictionEngine</c>).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new FeatureRowMapper(new FeatureSchema(inputSchema, this), this);

    /// <summary>
    /// Writes standard ML.NET transforms; called by <c>mlContext.Model.Save</c>. Needs square images and no <see cref="InputResolution"/>
    /// (resize the images with ML.NET's ResizeImages before ExtractPixels instead, which saves with the pipeline).
    /// </summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)ResNet18FeaturesSaving.Build(this)).Save(ctx);

    /// <summary>[3, H, W] of a pixel column, checked: a known-size Single vector of 3·H·W values with H, W ≥ 16.</summary>
    internal static int[] ImageShapeOf(DataViewSchema schema, string name)
    {
        var column = schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name),
            $"Input column '{name}' was not found. Available columns: {string.Join(", ", schema.Select(c => $"'{c.Name}'"))}.");
        if (column.Type is not VectorDataViewType { ItemType: var item } vector || item != NumberDataViewType.Single || !vector.IsKnownSize)
            throw new ArgumentOutOfRangeException(nameof(name), $"Input column '{name}' has type {column.Type}; ResNet18Features needs a known-size vector of Single ([3, H, W] pixels from ExtractPixels).");
        int[] shape = vector.Dimensions.Length == 3 ? [vector.Dimensions[0], vector.Dimensions[1], vector.Dimensions[2]] : SquareShape(vector.Size);
        if (shape[0] != 3 || shape[1] < 16 || shape[2] < 16)
            throw new ArgumentOutOfRangeException(nameof(name), $"Input column '{name}' has shape [{string.Join(", ", shape)}]; ResNet18Features needs 3-channel (RGB) images of at least 16×16 pixels.");
        return shape;
    }

    /// <summary>[3, n, n] for a flat vector of 3·n² values, else [size] (which the caller rejects).</summary>
    internal static int[] SquareShape(int size)
    {
        int side = (int)Math.Round(Math.Sqrt(size / 3.0));
        return 3 * side * side == size ? [3, side, side] : [size];
    }
}
