using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Features;

/// <summary>
/// The lazy result of <see cref="ResNet18FeaturesTransformer.Transform"/>: a cursor reads the pixels of the next batch of rows ahead of
/// the main cursor (<see cref="LookAheadBatch"/>), computes their features with one forward pass into one buffer, and serves them as the
/// main cursor passes the rows.
/// </summary>
internal sealed class FeatureExtractionDataView(IDataView input, FeatureSchema schema, ResNet18FeaturesTransformer owner) : IDataView
{
    public bool CanShuffle => false;

    public DataViewSchema Schema => schema.Schema;

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        bool features = needed.Any(c => schema.IsOutput(c.Index));
        var main = input.GetRowCursor(needed.Where(c => !schema.IsOutput(c.Index)).Select(c => schema.Input[c.Index]));
        var lookAhead = features ? input.GetRowCursor([schema.Pixels]) : null;
        return new Cursor(schema, owner, main, lookAhead, needed.Select(c => c.Index).ToHashSet());
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : LookAheadCursor
    {
        private readonly FeatureSchema schema;
        private readonly PretrainedFeatures extractor;
        private readonly float[] features;

        public Cursor(FeatureSchema schema, ResNet18FeaturesTransformer owner, DataViewRowCursor main, DataViewRowCursor? lookAhead,
            HashSet<int> active)
            : base(main, lookAhead is null ? null
                : new LookAheadBatch(lookAhead, schema.Pixels, owner.InputSize, owner.Extractor.RowsPerPass(owner.BatchSize)), active)
        {
            this.schema = schema;
            extractor = owner.Extractor;
            features = Rows is null ? [] : new float[Rows.Capacity * PretrainedFeatures.Dimension];
        }

        public override DataViewSchema Schema => schema.Schema;

        protected override void Process(LookAheadBatch rows) => extractor.Compute(rows.Values, rows.Count, features);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!schema.IsOutput(column.Index)) return Main.GetGetter<TValue>(schema.Input[column.Index]);
            EnsureActive(column);
            ValueGetter<VBuffer<float>> get = (ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, PretrainedFeatures.Dimension);
                features.AsSpan(Current * PretrainedFeatures.Dimension, PretrainedFeatures.Dimension).CopyTo(editor.Values);
                value = editor.Commit();
            };
            return get as ValueGetter<TValue> ?? throw FeatureSchema.WrongType<TValue>(column);
        }
    }
}
