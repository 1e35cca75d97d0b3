using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Data;

/// <summary>
/// Reads a feature column (and optionally a label column) of an <see cref="IDataView"/> into one [N, D] float tensor on the device, in
/// chunks of rows so no tensor is created per row. Every value is checked: a NaN or infinite feature fails with the row and position.
/// </summary>
internal static class DataViewLoader
{
    private const int ChunkRows = 1024;

    public sealed record Loaded(Tensor Features, Tensor? Labels, int Rows) : IDisposable
    {
        public void Dispose()
        {
            Features.Dispose();
            Labels?.Dispose();
        }
    }

    public static Loaded Load(IDataView data, FeatureColumn feature, DataViewSchema.Column? label, Device device, Action? checkCanceled = null)
    {
        var featureColumn = data.Schema[feature.Name];
        var columns = label is null ? new[] { featureColumn } : new[] { featureColumn, label.Value };
        int d = feature.Size;
        var chunks = new List<(float[] Values, int Rows)>();
        var labels = label is null ? null : new List<float>();
        using (var cursor = data.GetRowCursor(columns))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(featureColumn);
            var getLabel = label is null ? null : LabelColumn.Getter(cursor, label.Value);
            var buffer = default(VBuffer<float>);
            float[] chunk = new float[ChunkRows * d];
            int inChunk = 0;
            long row = 0;
            while (cursor.MoveNext())
            {
                getFeatures(ref buffer);
                if (buffer.Length != d)
                {
                    throw new InvalidOperationException(
                        $"Row {row} of feature column '{feature.Name}' has {buffer.Length} values, but the column declares {d}.");
                }
                var span = chunk.AsSpan(inChunk * d, d);
                buffer.CopyTo(span);
                int bad = IndexOfNonFinite(span);
                if (bad >= 0)
                {
                    throw new InvalidOperationException(
                        $"Row {row} of feature column '{feature.Name}' has a non-finite value ({span[bad]}) at position {bad}. " +
                        "Deep SVDD needs finite features: filter such rows (mlContext.Data.FilterRowsByMissingValues) or replace them " +
                        "(mlContext.Transforms.ReplaceMissingValues).");
                }
                if (getLabel is not null)
                {
                    float value = 0;
                    getLabel(ref value);
                    if (float.IsInfinity(value))
                        throw new InvalidOperationException($"Row {row} of label column '{label!.Value.Name}' is {value}; expected > 0, 0 or NaN.");
                    labels!.Add(value);
                }
                row++;
                if (++inChunk == ChunkRows)
                {
                    chunks.Add((chunk, inChunk));
                    chunk = new float[ChunkRows * d];
                    inChunk = 0;
                    checkCanceled?.Invoke();
                }
            }
            if (inChunk > 0) chunks.Add((chunk, inChunk));
        }
        int rows = chunks.Sum(c => c.Rows);
        var features = empty([rows, d], ScalarType.Float32, device);
        long offset = 0;
        foreach (var (values, count) in chunks)
        {
            using var part = tensor(count == ChunkRows ? values : values[..(count * d)], [count, d]);
            features.narrow(0, offset, count).copy_(part);
            offset += count;
        }
        var labelTensor = labels is null ? null : tensor(labels.ToArray(), ScalarType.Float32, device);
        return new Loaded(features, labelTensor, rows);
    }

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i])) return i;
        }
        return -1;
    }
}
