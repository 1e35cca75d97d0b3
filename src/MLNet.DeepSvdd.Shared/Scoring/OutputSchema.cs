namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>
/// The schema a detector produces: every input column, then Score (Single) and PredictedLabel (Boolean), and for a model with maps
/// (<see cref="IMapScorer"/>) AnomalyMap (Vector&lt;Single, H, W&gt;) and PredictedMask (Vector&lt;Boolean, H, W&gt;).
/// </summary>
internal sealed class OutputSchema : IAppendedColumnsSchema
{
    public const string Score = "Score";
    public const string PredictedLabel = "PredictedLabel";
    public const string AnomalyMap = "AnomalyMap";
    public const string PredictedMask = "PredictedMask";

    /// <summary>The map value at the map threshold: a value above it is in the predicted mask.</summary>
    public const float MapThreshold = 0.5f;

    public OutputSchema(DataViewSchema input, string featureColumnName, int inputSize, (int Height, int Width)? map = null)
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
        if (map is { } m)
        {
            builder.AddColumn(AnomalyMap, new VectorDataViewType(NumberDataViewType.Single, m.Height, m.Width));
            builder.AddColumn(PredictedMask, new VectorDataViewType(BooleanDataViewType.Instance, m.Height, m.Width));
            MapSize = m.Height * m.Width;
        }
        Schema = builder.ToSchema();
        ScoreIndex = input.Count;
        PredictedLabelIndex = input.Count + 1;
        AnomalyMapIndex = map is null ? -1 : input.Count + 2;
        PredictedMaskIndex = map is null ? -1 : input.Count + 3;
    }

    /// <summary>Values per map (0 without maps).</summary>
    public int MapSize { get; }

    /// <summary>Whether the schema has the map columns.</summary>
    public bool HasMaps => MapSize > 0;

    /// <summary>Index of AnomalyMap, or −1.</summary>
    public int AnomalyMapIndex { get; }

    /// <summary>Index of PredictedMask, or −1.</summary>
    public int PredictedMaskIndex { get; }

    /// <summary>The getter of an output column from the row's score and map (<paramref name="map"/> of <see cref="MapSize"/> values).</summary>
    public ValueGetter<TValue> OutputGetter<TValue>(DataViewSchema.Column column, Func<float> score, Func<ReadOnlyMemory<float>> map, float threshold)
    {
        Delegate getter;
        if (column.Index == ScoreIndex) getter = (ValueGetter<float>)((ref float value) => value = score());
        else if (column.Index == PredictedLabelIndex) getter = (ValueGetter<bool>)((ref bool value) => value = NonFiniteFeatures.IsAnomaly(score(), threshold));
        else if (column.Index == AnomalyMapIndex)
        {
            getter = (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, MapSize);
                map().Span.CopyTo(editor.Values);
                value = editor.Commit();
            });
        }
        else if (column.Index == PredictedMaskIndex)
        {
            getter = (ValueGetter<VBuffer<bool>>)((ref VBuffer<bool> value) =>
            {
                var editor = VBufferEditor.Create(ref value, MapSize);
                var values = map().Span;
                for (int i = 0; i < values.Length; i++) editor.Values[i] = NonFiniteFeatures.IsAnomaly(values[i], MapThreshold);
                value = editor.Commit();
            });
        }
        else throw new ArgumentOutOfRangeException(nameof(column), column.Name, "Not an output column.");
        return getter as ValueGetter<TValue> ?? throw WrongType<TValue>(column);
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
