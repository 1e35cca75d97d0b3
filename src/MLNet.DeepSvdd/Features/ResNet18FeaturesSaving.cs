using System.ComponentModel;
using MLNet.DeepSvdd.Networks.Pretrained;
using Microsoft.ML.Transforms;

namespace MLNet.DeepSvdd.Features;

/// <summary>
/// How a <see cref="ResNet18FeaturesTransformer"/> goes into an ML.NET model file, with transforms ML.NET saves and loads itself:
/// CopyColumns of the pixels to an internal column, a CustomMapping (<see cref="ResNet18FeaturesWithMaxPoolFactory"/> or
/// <see cref="ResNet18FeaturesWithoutMaxPoolFactory"/>) computing the features, CopyColumns to the output name and DropColumns of the
/// internal columns. The network has no trained state: the mapping rebuilds it from ML.NET's ResNet18.onnx, and the image side from the
/// row length (so saving needs square images).
/// </summary>
internal static class ResNet18FeaturesSaving
{
    public const string Pixels = "__ResNet18Pixels";
    public const string Features = "__ResNet18Features";

    public static TransformerChain<ITransformer> Build(ResNet18FeaturesTransformer owner)
    {
        if (owner.InputResolution is int side)
        {
            throw new InvalidOperationException($"A ResNet18Features transformer with inputResolution {side} cannot be saved: the saved form has no " +
                $"place for the resolution. For a pipeline you save, resize the images to {side}×{side} with ResizeImages before ExtractPixels " +
                "and leave inputResolution null; the features are the same up to the resize's interpolation.");
        }
        if (owner.Height != owner.Width)
        {
            throw new InvalidOperationException($"A ResNet18Features transformer on {owner.Height}×{owner.Width} images cannot be saved: the saved " +
                "form infers the image side from the row length and needs square images. Resize to a square before ExtractPixels.");
        }
        var ml = new MLContext();
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(owner.InputColumnName, new VectorDataViewType(NumberDataViewType.Single, 3, owner.Height, owner.Width));
        IDataView data = new EmptyDataView(schema.ToSchema());
        var copyIn = ml.Transforms.CopyColumns(Pixels, owner.InputColumnName).Fit(data);
        data = copyIn.Transform(data);
        ITransformer map = owner.UseMaxPool
            ? ml.Transforms.CustomMapping(new ResNet18FeaturesWithMaxPoolFactory().GetMapping(), ResNet18FeaturesWithMaxPoolFactory.ContractName).Fit(data)
            : ml.Transforms.CustomMapping(new ResNet18FeaturesWithoutMaxPoolFactory().GetMapping(), ResNet18FeaturesWithoutMaxPoolFactory.ContractName).Fit(data);
        data = map.Transform(data);
        var copyOut = ml.Transforms.CopyColumns(owner.OutputColumnName, Features).Fit(data);
        data = copyOut.Transform(data);
        var drop = ml.Transforms.DropColumns(Pixels, Features).Fit(data);
        return new TransformerChain<ITransformer>(copyIn, map, copyOut, drop);
    }

    internal static void Compute(ResNet18PixelsRow input, ResNet18FeaturesRow output, bool useMaxPool)
    {
        var shape = ResNet18FeaturesTransformer.SquareShape(input.Pixels.Length);
        if (shape.Length != 3 || shape[1] < 16)
            throw new InvalidOperationException($"A row of {input.Pixels.Length} pixel values is not a square RGB image of at least 16×16 pixels.");
        output.Features = ResNet18FeaturesTransformer.ExtractorFor(shape[1], shape[2], useMaxPool).Compute([input.Pixels], 1)[0];
    }
}

/// <summary>Input of the saved feature mapping: the pixels. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ResNet18PixelsRow
{
    /// <summary>[3, n, n] RGB pixels in 0–255.</summary>
    [ColumnName(ResNet18FeaturesSaving.Pixels)]
    public float[] Pixels { get; set; } = [];
}

/// <summary>Output of the saved feature mapping. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ResNet18FeaturesRow
{
    /// <summary>The 512 pooled features.</summary>
    [ColumnName(ResNet18FeaturesSaving.Features)]
    [VectorType(PretrainedFeatures.Dimension)]
    public float[] Features { get; set; } = [];
}

/// <summary>Recreates, when ML.NET loads a model file, the ResNet-18 feature mapping with the stem max-pool. Infrastructure of model files.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ResNet18FeaturesWithMaxPoolFactory : CustomMappingFactory<ResNet18PixelsRow, ResNet18FeaturesRow>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.ResNet18Features.MaxPool.v1";

    /// <inheritdoc />
    public override Action<ResNet18PixelsRow, ResNet18FeaturesRow> GetMapping() => (input, output) => ResNet18FeaturesSaving.Compute(input, output, true);
}

/// <summary>Recreates, when ML.NET loads a model file, the ResNet-18 feature mapping without the stem max-pool. Infrastructure of model files.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ResNet18FeaturesWithoutMaxPoolFactory : CustomMappingFactory<ResNet18PixelsRow, ResNet18FeaturesRow>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.ResNet18Features.NoMaxPool.v1";

    /// <inheritdoc />
    public override Action<ResNet18PixelsRow, ResNet18FeaturesRow> GetMapping() => (input, output) => ResNet18FeaturesSaving.Compute(input, output, false);
}
