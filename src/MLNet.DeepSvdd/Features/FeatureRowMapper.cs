using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Features;

/// <summary>Row-by-row features (the path of <c>PredictionEngine</c>): each row's features are computed on first access.</summary>
internal sealed class FeatureRowMapper(FeatureSchema schema, ResNet18FeaturesTransformer owner) : AppendedColumnsMapper<FeatureSchema>(schema)
{
    protected override DataViewRow CreateRow(DataViewRow input, HashSet<int> active) => new Row(Columns, owner, input, active);

    private sealed class Row(FeatureSchema schema, ResNet18FeaturesTransformer owner, DataViewRow input, HashSet<int> active)
        : AppendedColumnsRow<FeatureSchema>(schema, input, active)
    {
        private ValueGetter<VBuffer<float>>? pixelGetter;
        private VBuffer<float> buffer;
        private long computedPosition = -1;
        private float[]? pixels;
        private readonly float[] features = new float[PretrainedFeatures.Dimension];

        protected override ValueGetter<TValue> GetOutputGetter<TValue>(DataViewSchema.Column column)
        {
            ValueGetter<VBuffer<float>> get = (ref VBuffer<float> value) =>
            {
                var row = Current();
                var editor = VBufferEditor.Create(ref value, PretrainedFeatures.Dimension);
                row.CopyTo(editor.Values);
                value = editor.Commit();
            };
            return get as ValueGetter<TValue> ?? throw FeatureSchema.WrongType<TValue>(column);
        }

        private float[] Current()
        {
            if (computedPosition == Input.Position) return features;
            pixelGetter ??= Input.GetGetter<VBuffer<float>>(Columns.Pixels);
            pixelGetter(ref buffer);
            LookAheadBatch.CheckLength(buffer, owner.InputSize, owner.InputColumnName, Input.Position); // the batched view's check and message
            pixels ??= new float[owner.InputSize];
            buffer.CopyTo(pixels);
            owner.Extractor.Compute(pixels, 1, features);
            computedPosition = Input.Position;
            return features;
        }
    }
}
