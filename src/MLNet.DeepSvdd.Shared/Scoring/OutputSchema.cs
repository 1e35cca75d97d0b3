namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>The schema a detector produces: every input column, then Score (Single) and PredictedLabel (Boolean).</summary>
internal sealed class OutputSchema : IAppendedColumnsSchema
{
    public const string Score = "Score";
    public const string PredictedLabel = "PredictedLabel";

    public OutputSchema(DataViewSchema input, string featureColumnName, int inputSize)
    {
        Input = input;
        var column = input.GetColumnOrNull(featureColumnName) ?? throw new ArgumentOutOfRangeException(nameof(input),
            $"Feature column '{featureColumnName}' the model was trained on was not found in the input data. " +
            $"Available columns: {string.Join(", ", input.Select(c => $"'{c.Name}'"))}.");
        var resolved = FeatureColumn.Resolve(input, featureColumnName, null);
        if (resolved.Size != inputSize)
        {
            throw new ArgumentOutOfRangeException(nameof(input),
                $"Feature column '{featureColumnName}' has {resolved.Size} values per row, but the model was trained on {inputSize}. " +
                "Score data prepared with the same pipeline as the training data.");
        }
        Feature = column;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(Score, NumberDataViewType.Single);
        builder.AddColumn(PredictedLabel, BooleanDataViewType.Instance);
        Schema = builder.ToSchema();
        ScoreIndex = input.Count;
        PredictedLabelIndex = input.Count + 1;
    }

    public DataViewSchema Input { get; }

    public DataViewSchema Schema { get; }

    public DataViewSchema.Column Feature { get; }

    public int ScoreIndex { get; }

    public int PredictedLabelIndex { get; }

    public bool IsOutput(int index) => index >= Input.Count;

    /// <summary>The input columns needed to produce the given output columns.</summary>
    public IEnumerable<DataViewSchema.Column> Dependencies(IEnumerable<DataViewSchema.Column> outputColumns)
    {
        var needed = new HashSet<int>();
        foreach (var column in outputColumns)
        {
            if (IsOutput(column.Index)) needed.Add(Feature.Index);
            else needed.Add(column.Index);
        }
        return needed.OrderBy(i => i).Select(i => Input[i]);
    }

    /// <summary>The error for a column read as the wrong type.</summary>
    public static InvalidOperationException WrongType<TValue>(DataViewSchema.Column column) =>
        new($"Column '{column.Name}' has type {column.Type}; it cannot be read as {typeof(TValue).Name}.");
}
