namespace MLNet.DeepSvdd.Data;

/// <summary>
/// Reads a feature column (and optionally a label column) of an <see cref="IDataView"/> into one [N, D] float tensor on the device, with
/// no tensor per row. When the data view knows its row count, every row's values are copied once, straight into the array the tensor is
/// built on (the CPU tensor shares that array; other devices get one copy of it); otherwise rows are gathered in chunks and joined once at
/// the end. Every value is checked: a NaN or infinite feature fails with the row and position.
/// </summary>
internal static class DataViewLoader
{
    /// <summary>Rows per chunk at most (when the row count is unknown), and rows between cancellation checks.</summary>
    private const int ChunkRows = 1024;

    /// <summary>Values per chunk when the row count is unknown (16 MB), so wide images do not allocate hundreds of MB up front.</summary>
    private const long ChunkValues = 1 << 22;

    public sealed record Loaded(Tensor Features, Tensor? Labels, int Rows) : IDisposable
    {
        public void Dispose()
        {
            Features.Dispose();
            Labels?.Dispose();
        }
    }

    /// <summary>Reads the feature column (and <paramref name="label"/>, NaN = unlabeled) of every row onto <paramref name="device"/>.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="feature">The feature column.</param>
    /// <param name="label">The label column, or null.</param>
    /// <param name="device">Where the tensors go.</param>
    /// <param name="checkCanceled">Called every <see cref="ChunkRows"/> rows.</param>
    /// <param name="what">The data as error messages name it ("training data", "ValidationSet").</param>
    /// <exception cref="InvalidOperationException">A row of the wrong size, a non-finite feature value, or a label that fits no reading.</exception>
    public static Loaded Load(IDataView data, FeatureColumn feature, DataViewSchema.Column? label, Device device, Action? checkCanceled = null,
        string what = "training data")
    {
        var featureColumn = data.Schema[feature.Name];
        var columns = label is null ? new[] { featureColumn } : new[] { featureColumn, label.Value };
        int d = feature.Size;
        // The first chunk holds every row when the count is known (and fits one array); more chunks only when it is not.
        long known = data.GetRowCount() ?? -1;
        int chunkRows = (int)Math.Clamp(ChunkValues / d, 1, ChunkRows);
        int firstRows = known > 0 && known * d <= Array.MaxLength ? (int)known : chunkRows;
        var chunks = new List<(float[] Values, int Rows)>();
        var labels = label is null ? null : new List<float>();
        using (var cursor = data.GetRowCursor(columns))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(featureColumn);
            var getLabel = label is null ? null : LabelColumn.Getter(cursor, label.Value);
            var buffer = default(VBuffer<float>);
            float[] chunk = GC.AllocateUninitializedArray<float>(firstRows * d);
            int capacity = firstRows, inChunk = 0;
            long row = 0;
            while (cursor.MoveNext())
            {
                if (inChunk == capacity)
                {
                    chunks.Add((chunk, inChunk));
                    chunk = GC.AllocateUninitializedArray<float>(chunkRows * d);
                    capacity = chunkRows;
                    inChunk = 0;
                }
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
                    LabelColumn.Check(value, row, label!.Value.Name, what, allowUnlabeled: true);
                    labels!.Add(value);
                }
                row++;
                inChunk++;
                if (row % ChunkRows == 0) checkCanceled?.Invoke();
            }
            if (inChunk > 0) chunks.Add((chunk, inChunk));
        }
        int rows = chunks.Sum(c => c.Rows);
        var features = Assemble(chunks, rows, d, device);
        var labelTensor = labels is null ? null : tensor(labels.ToArray(), ScalarType.Float32, device);
        return new Loaded(features, labelTensor, rows);
    }

    /// <summary>The [rows, d] tensor on the device from the filled chunks, with as few copies as the chunks allow.</summary>
    private static Tensor Assemble(List<(float[] Values, int Rows)> chunks, int rows, int d, Device device)
    {
        if (rows == 0) return empty([0, d], ScalarType.Float32, device);
        long length = (long)rows * d;
        float[]? all = chunks.Count == 1 && chunks[0].Values.Length == length ? chunks[0].Values : null;
        if (all is null && length <= Array.MaxLength)
        {
            all = GC.AllocateUninitializedArray<float>((int)length);
            long offset = 0;
            foreach (var (values, count) in chunks)
            {
                Array.Copy(values, 0, all, offset, (long)count * d);
                offset += (long)count * d;
            }
            chunks.Clear();
        }
        if (all is not null)
        {
            // from_array shares the (pinned) array instead of copying it: on the CPU it is the result.
            using var flat = from_array(all);
            var shared = flat.view(rows, d);
            if (device.type == DeviceType.CPU) return shared;
            using (shared) return shared.to(device);
        }
        // More values than one array can hold: copy chunk by chunk into the device tensor.
        var features = empty([rows, d], ScalarType.Float32, device);
        long start = 0;
        foreach (var (values, count) in chunks)
        {
            using var whole = from_array(values);
            using var part = whole.narrow(0, 0, (long)count * d).view(count, d);
            using var target = features.narrow(0, start, count);
            target.copy_(part);
            start += count;
        }
        return features;
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
