using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Baselines.Data;

/// <summary>The resolved feature column of a baseline detector: a known-size vector of Single.</summary>
internal sealed record FeatureColumn(DataViewSchema.Column Column, int Size)
{
    public string Name => Column.Name;

    /// <summary>Checks the column in <paramref name="schema"/>; the exception names the column, what it is, and what was expected.</summary>
    public static FeatureColumn Resolve(DataViewSchema schema, string name, string what = "input data")
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
                "Declare the size ([VectorType(n)] on the class, or a SchemaDefinition).");
        }
        return new FeatureColumn(column, vector.Size);
    }

    /// <summary>Like <see cref="Resolve"/>, and checks that the column has the size the model was trained on.</summary>
    public static FeatureColumn ResolveForScoring(DataViewSchema schema, string name, int trainedSize)
    {
        var resolved = Resolve(schema, name);
        if (resolved.Size != trainedSize)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Feature column '{name}' has {resolved.Size} values per row, but the model was trained on {trainedSize}. " +
                "Score data prepared with the same pipeline as the training data.");
        }
        return resolved;
    }
}
