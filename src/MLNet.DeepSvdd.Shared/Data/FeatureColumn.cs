namespace MLNet.DeepSvdd.Shared.Data;

/// <summary>
/// The resolved feature column: its name, size, and the network input shape — [C, H, W] from the column's vector dimensions (as ML.NET's
/// ExtractPixels produces) or from an explicit image shape, otherwise [size].
/// </summary>
internal sealed record FeatureColumn(string Name, int Size, int[] Shape)
{
    public bool IsImage => Shape.Length == 3;

    /// <summary>Validates the column in a schema and infers its shape; throws an exception that names the column and what was expected.</summary>
    public static FeatureColumn Resolve(DataViewSchema schema, string name, int[]? imageShape, string what = "input data")
    {
        var column = schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name),
            $"Feature column '{name}' was not found in the {what}. Available columns: {string.Join(", ", schema.Select(c => $"'{c.Name}'"))}. " +
            "Set FeatureColumnName, or build a column of that name (e.g. mlContext.Transforms.Concatenate(\"Features\", ...)).");
        if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(name),
                $"Feature column '{name}' has type {column.Type}, but a known-size vector of Single is expected. " +
                "Convert it with mlContext.Transforms.Conversion.ConvertType(..., outputKind: DataKind.Single) and/or mlContext.Transforms.Concatenate.");
        }
        if (!vector.IsKnownSize)
        {
            throw new ArgumentOutOfRangeException(nameof(name),
                $"Feature column '{name}' is a vector of unknown (variable) size; every row must have the same number of values. " +
                "Declare the size ([VectorType(n)] on the class, or a SchemaDefinition), or resize images with ResizeImages before ExtractPixels.");
        }
        return new FeatureColumn(name, vector.Size, InferShape(name, vector, imageShape));
    }

    /// <summary>Like <see cref="Resolve"/>, and checks that the column has the size the model was trained on.</summary>
    public static FeatureColumn ResolveForScoring(DataViewSchema schema, string name, int trainedSize)
    {
        var resolved = Resolve(schema, name, null);
        if (resolved.Size != trainedSize)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Feature column '{name}' has {resolved.Size} values per row, but the model was trained on {trainedSize}. " +
                "Score data prepared with the same pipeline as the training data.");
        }
        return resolved;
    }

    private static int[] InferShape(string name, VectorDataViewType vector, int[]? imageShape)
    {
        if (imageShape is not null)
        {
            if (imageShape.Length != 3 || imageShape.Any(d => d < 1))
                throw new ArgumentOutOfRangeException(nameof(imageShape), $"ImageShape must be [C, H, W] with positive entries; got [{string.Join(", ", imageShape)}].");
            long product = (long)imageShape[0] * imageShape[1] * imageShape[2];
            if (product != vector.Size)
                throw new ArgumentOutOfRangeException(nameof(imageShape),
                    $"ImageShape [{string.Join(", ", imageShape)}] has {product} values but feature column '{name}' has {vector.Size}.");
            return [.. imageShape];
        }
        var dims = vector.Dimensions;
        if (dims.Length == 3) return [dims[0], dims[1], dims[2]];
        return [vector.Size];
    }
}
