using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.DeepSvdd.Baselines.Persistence;

namespace MLNet.DeepSvdd.Baselines;

/// <summary>The output schema shape every baseline estimator promises: the input plus Score (Single) and PredictedLabel (Boolean).</summary>
internal static class EstimatorSchema
{
    public static SchemaShape Output(SchemaShape inputSchema, string featureColumnName)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = inputSchema.FirstOrDefault(c => c.Name == featureColumnName);
        if (column.Name is null)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Feature column '{featureColumnName}' was not found in the input schema.");
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Feature column '{featureColumnName}' must be a known-size vector of Single; it is {column.Kind} of {column.ItemType}.");
        // SchemaShape.Column has no public constructor: let a schema-only CustomMapping with the same output row type add the columns.
        return new MLContext().Transforms.CustomMapping<BaselineNoColumns, AnomalyPrediction>((_, _) => { }, null).GetOutputSchema(inputSchema);
    }
}
