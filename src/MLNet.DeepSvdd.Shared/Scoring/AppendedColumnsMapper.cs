namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>The schema of a transformer that passes every input column through and appends the columns it computes.</summary>
internal interface IAppendedColumnsSchema
{
    /// <summary>The input schema; its columns keep their indices in <see cref="Schema"/>.</summary>
    DataViewSchema Input { get; }

    /// <summary>The output schema: the input columns, then the computed ones.</summary>
    DataViewSchema Schema { get; }

    /// <summary>True for a computed column of <see cref="Schema"/>.</summary>
    bool IsOutput(int index);

    /// <summary>The input columns needed to produce the given columns of <see cref="Schema"/>.</summary>
    IEnumerable<DataViewSchema.Column> Dependencies(IEnumerable<DataViewSchema.Column> outputColumns);
}

/// <summary>
/// Row-by-row mapping (<see cref="IRowToRowMapper"/>, the path of <c>PredictionEngine</c>) for a transformer that appends computed
/// columns to its input: the schemas and dependencies come from the <see cref="IAppendedColumnsSchema"/>; each row is a
/// <see cref="AppendedColumnsRow{TSchema}"/> that computes the appended values.
/// </summary>
internal abstract class AppendedColumnsMapper<TSchema>(TSchema schema) : IRowToRowMapper where TSchema : IAppendedColumnsSchema
{
    /// <summary>The schema of the mapping.</summary>
    protected TSchema Columns => schema;

    public DataViewSchema InputSchema => schema.Input;

    public DataViewSchema OutputSchema => schema.Schema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        schema.Dependencies(dependingColumns);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        CreateRow(input, activeColumns.Select(c => c.Index).ToHashSet());

    /// <summary>The output row over <paramref name="input"/>; <paramref name="active"/> holds the indices of the active output columns.</summary>
    protected abstract DataViewRow CreateRow(DataViewRow input, HashSet<int> active);
}

/// <summary>
/// An output row of an <see cref="AppendedColumnsMapper{TSchema}"/>: input columns are read from the input row; the appended ones through
/// <see cref="GetOutputGetter{TValue}"/>.
/// </summary>
internal abstract class AppendedColumnsRow<TSchema> : DataViewRow where TSchema : IAppendedColumnsSchema
{
    private readonly HashSet<int> active;

    protected AppendedColumnsRow(TSchema columns, DataViewRow input, HashSet<int> active)
    {
        Columns = columns;
        Input = input;
        this.active = active;
    }

    /// <summary>The schema of the mapping.</summary>
    protected TSchema Columns { get; }

    /// <summary>The input row.</summary>
    protected DataViewRow Input { get; }

    public override DataViewSchema Schema => Columns.Schema;

    public override long Position => Input.Position;

    public override long Batch => Input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => Input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        Columns.IsOutput(column.Index) ? active.Contains(column.Index) : Input.IsColumnActive(Columns.Input[column.Index]);

    public sealed override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        Columns.IsOutput(column.Index) ? GetOutputGetter<TValue>(column) : Input.GetGetter<TValue>(Columns.Input[column.Index]);

    /// <summary>The getter of the appended column <paramref name="column"/>.</summary>
    protected abstract ValueGetter<TValue> GetOutputGetter<TValue>(DataViewSchema.Column column);
}
