using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.DeepSvdd.Baselines.Data;

namespace MLNet.DeepSvdd.Baselines.Scoring;

/// <summary>The schema a baseline detector produces: every input column, then Score (Single) and PredictedLabel (Boolean).</summary>
internal sealed class OutputSchema
{
    public const string Score = "Score";
    public const string PredictedLabel = "PredictedLabel";

    public OutputSchema(DataViewSchema input, string featureColumnName, int inputSize)
    {
        ArgumentNullException.ThrowIfNull(input);
        Input = input;
        Feature = FeatureColumn.ResolveForScoring(input, featureColumnName, inputSize).Column;
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

    /// <summary>Checks a row's vector length (a column can declare a size its rows do not keep).</summary>
    public void CheckLength(in VBuffer<float> buffer, int expected, long row)
    {
        if (buffer.Length != expected)
            throw new InvalidOperationException($"Row {row} of feature column '{Feature.Name}' has {buffer.Length} values; the model expects {expected}.");
    }

    public static InvalidOperationException WrongType<TValue>(DataViewSchema.Column column) =>
        new($"Column '{column.Name}' has type {column.Type}; it cannot be read as {typeof(TValue).Name}.");
}
