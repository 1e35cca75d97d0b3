using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.DeepSvdd.Networks.Pretrained;
using MLNet.DeepSvdd.Scoring;

namespace MLNet.DeepSvdd.Features;

/// <summary>Row-by-row features (the path of <c>PredictionEngine</c>): each row's features are computed on first access.</summary>
internal sealed class FeatureRowMapper(FeatureSchema schema, ResNet18FeaturesTransformer owner) : IRowToRowMapper
{
    public DataViewSchema InputSchema => schema.Input;

    public DataViewSchema OutputSchema => schema.Schema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        dependingColumns.Select(c => schema.IsOutput(c.Index) ? schema.Pixels : schema.Input[c.Index]).Distinct().OrderBy(c => c.Index);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new Row(schema, owner, input, activeColumns.Select(c => c.Index).ToHashSet());

    private sealed class Row(FeatureSchema schema, ResNet18FeaturesTransformer owner, DataViewRow input, HashSet<int> active) : DataViewRow
    {
        private ValueGetter<VBuffer<float>>? pixelGetter;
        private VBuffer<float> buffer;
        private long computedPosition = -1;
        private float[]? pixels;
        private readonly float[] features = new float[PretrainedFeatures.Dimension];

        public override DataViewSchema Schema => schema.Schema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            schema.IsOutput(column.Index) ? active.Contains(column.Index) : input.IsColumnActive(schema.Input[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!schema.IsOutput(column.Index)) return input.GetGetter<TValue>(schema.Input[column.Index]);
            ValueGetter<VBuffer<float>> get = (ref VBuffer<float> value) =>
            {
                var row = Current();
                var editor = VBufferEditor.Create(ref value, PretrainedFeatures.Dimension);
                row.CopyTo(editor.Values);
                value = editor.Commit();
            };
            return get as ValueGetter<TValue> ?? throw schema.WrongType<TValue>(column);
        }

        private float[] Current()
        {
            if (computedPosition == input.Position) return features;
            pixelGetter ??= input.GetGetter<VBuffer<float>>(schema.Pixels);
            pixelGetter(ref buffer);
            LookAheadBatch.CheckLength(buffer, owner.InputSize, owner.InputColumnName, input.Position); // the batched view's check and message
            pixels ??= new float[owner.InputSize];
            buffer.CopyTo(pixels);
            owner.Extractor.Compute(pixels, 1, features);
            computedPosition = input.Position;
            return features;
        }
    }
}
