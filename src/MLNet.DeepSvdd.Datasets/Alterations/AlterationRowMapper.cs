namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>The row-to-row form of an <see cref="ImageAlterationTransformer"/>, for <c>PredictionEngine</c> and chains of mappers.</summary>
internal sealed class AlterationRowMapper(AlterationBinding binding) : IRowToRowMapper
{
    public DataViewSchema InputSchema => binding.InputSchema;

    public DataViewSchema OutputSchema => binding.OutputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        binding.InputColumnsFor(dependingColumns);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new Row(input, binding, binding.OutputsAmong(activeColumns));

    private sealed class Row(DataViewRow input, AlterationBinding binding, HashSet<int> activeOutputs) : DataViewRow
    {
        private readonly Lazy<RowAlteration> row = new(() => binding.CreateRowAlteration(input, cachePerPosition: false));

        public override DataViewSchema Schema => binding.OutputSchema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            binding.IsOutput(column) ? activeOutputs.Contains(column.Index) : input.IsColumnActive(binding.InputSchema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column)) throw new InvalidOperationException($"Column '{column.Name}' was not requested for this row.");
            return binding.GetGetter<TValue>(input, column, row);
        }
    }
}
