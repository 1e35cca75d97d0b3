using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Features;

/// <summary>The schema <see cref="ResNet18FeaturesTransformer"/> produces: every input column, then the 512-value features column.</summary>
internal sealed class FeatureSchema : IAppendedColumnsSchema
{
    public FeatureSchema(DataViewSchema input, ResNet18FeaturesTransformer owner)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = ResNet18FeaturesTransformer.ImageShapeOf(input, owner.InputColumnName);
        if (shape[1] != owner.Height || shape[2] != owner.Width)
        {
            throw new ArgumentOutOfRangeException(nameof(input), $"Input column '{owner.InputColumnName}' holds {shape[1]}×{shape[2]} images; " +
                $"this ResNet18Features transformer was fitted on {owner.Height}×{owner.Width}. Resize the images the same way.");
        }
        Input = input;
        Pixels = input[owner.InputColumnName];
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(owner.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, PretrainedFeatures.Dimension));
        Schema = builder.ToSchema();
        OutputIndex = input.Count;
    }

    public DataViewSchema Input { get; }

    public DataViewSchema Schema { get; }

    public DataViewSchema.Column Pixels { get; }

    public int OutputIndex { get; }

    public bool IsOutput(int index) => index == OutputIndex;

    /// <summary>The input columns needed to produce the given output columns: the pixels for the features column.</summary>
    public IEnumerable<DataViewSchema.Column> Dependencies(IEnumerable<DataViewSchema.Column> outputColumns) =>
        outputColumns.Select(c => IsOutput(c.Index) ? Pixels : Input[c.Index]).Distinct().OrderBy(c => c.Index);

    public static InvalidOperationException WrongType<TValue>(DataViewSchema.Column column) =>
        new($"Column '{column.Name}' has type {column.Type}; it cannot be read as {typeof(TValue).Name}.");
}
