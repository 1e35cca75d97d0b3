using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Features;

/// <summary>
/// The lazy result of <see cref="ResNet18FeaturesTransformer.Transform"/>: a cursor reads the pixels of the next batch of rows through a
/// second, look-ahead cursor over the same data, computes their features with one forward pass, and serves them as the main cursor
/// passes the rows (two cursors without shuffling see the rows in the same order).
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

    private sealed class Cursor(FeatureSchema schema, ResNet18FeaturesTransformer owner, DataViewRowCursor main, DataViewRowCursor? lookAhead,
        HashSet<int> active) : DataViewRowCursor
    {
        private readonly ValueGetter<VBuffer<float>>? pixelGetter = lookAhead?.GetGetter<VBuffer<float>>(schema.Pixels);
        private readonly List<float[]> batch = [];
        private float[][] features = [];
        private long batchStart;

        public override DataViewSchema Schema => schema.Schema;

        public override long Position => main.Position;

        public override long Batch => main.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => main.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override bool MoveNext()
        {
            if (!main.MoveNext()) return false;
            if (lookAhead is not null && main.Position >= batchStart + features.Length) FillBatch();
            return true;
        }

        private void FillBatch()
        {
            batchStart = main.Position;
            batch.Clear();
            var buffer = default(VBuffer<float>);
            while (batch.Count < owner.BatchSize && lookAhead!.MoveNext())
            {
                if (lookAhead.Position != batchStart + batch.Count)
                    throw new InvalidOperationException("The input data returned rows in a different order to two cursors; its features cannot be computed in batches.");
                pixelGetter!(ref buffer);
                if (buffer.Length != owner.InputSize)
                    throw new InvalidOperationException($"Row {lookAhead.Position} of column '{owner.InputColumnName}' has {buffer.Length} values; expected {owner.InputSize}.");
                batch.Add(buffer.DenseValues().ToArray());
            }
            if (batch.Count == 0) throw new InvalidOperationException("The input data returned fewer rows to a second cursor; its features cannot be computed in batches.");
            features = owner.Extractor.Compute(batch, owner.BatchSize);
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!schema.IsOutput(column.Index)) return main.GetGetter<TValue>(schema.Input[column.Index]);
            if (!active.Contains(column.Index)) throw new InvalidOperationException($"Column '{column.Name}' was not requested from this cursor.");
            ValueGetter<VBuffer<float>> get = (ref VBuffer<float> value) =>
            {
                var row = features[main.Position - batchStart];
                var editor = VBufferEditor.Create(ref value, PretrainedFeatures.Dimension);
                row.CopyTo(editor.Values);
                value = editor.Commit();
            };
            return get as ValueGetter<TValue> ?? throw schema.WrongType<TValue>(column);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                main.Dispose();
                lookAhead?.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
