namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>
/// The view of a protocol part over images held as bytes: Image (Vector&lt;Single, C, H, W&gt;, values 0–255), Label (Single), Class (Int32),
/// and optionally Mask (Vector&lt;Single, H, W&gt;, 1 = defect pixel, all 0 for natural images). Pixels and masks are converted into the
/// reader's buffer only when read. Row count known; can be shuffled; the row id is the row number.
/// </summary>
internal sealed class LabeledImageDataView : InMemoryImageDataView
{
    private const int LabelColumn = 1, ClassColumn = 2, MaskColumn = 3;

    private readonly LabeledImage[] rows;
    private readonly int plane;

    /// <param name="rows">The rows.</param>
    /// <param name="channels">Colour channels.</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    /// <param name="withMask">Add the <see cref="ProtocolColumns.Mask"/> column (the alteration protocols).</param>
    public LabeledImageDataView(LabeledImage[] rows, int channels, int height, int width, bool withMask = false)
        : base(rows.Length, MakeSchema(channels, height, width, withMask))
    {
        this.rows = rows;
        plane = height * width;
    }

    private static DataViewSchema MakeSchema(int channels, int height, int width, bool withMask)
    {
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(ProtocolColumns.Image, new VectorDataViewType(NumberDataViewType.Single, channels, height, width));
        schema.AddColumn(ProtocolColumns.Label, NumberDataViewType.Single);
        schema.AddColumn(ProtocolColumns.Class, NumberDataViewType.Int32);
        if (withMask) schema.AddColumn(ProtocolColumns.Mask, new VectorDataViewType(NumberDataViewType.Single, height, width));
        return schema.ToSchema();
    }

    private void GetMask(int row, ref VBuffer<float> value)
    {
        var image = rows[row];
        var editor = VBufferEditor.Create(ref value, plane);
        if (image.Mask is null)
        {
            editor.Values.Clear();
        }
        else
        {
            var mask = image.Mask.AsSpan(image.MaskOffset, plane);
            for (int p = 0; p < plane; p++) editor.Values[p] = mask[p] ? 1f : 0f;
        }
        value = editor.Commit();
    }

    protected override void CopyImage(int row, Span<float> destination)
    {
        var image = rows[row];
        var pixels = image.Pixels.AsSpan(image.Offset, ImageLength);
        for (int i = 0; i < pixels.Length; i++) destination[i] = pixels[i];
    }

    protected override Delegate OtherGetter(DataViewSchema.Column column, Func<int> currentRow) => column.Index switch
    {
        LabelColumn => (ValueGetter<float>)((ref float value) => value = rows[currentRow()].Label),
        ClassColumn => (ValueGetter<int>)((ref int value) => value = rows[currentRow()].Class),
        MaskColumn => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) => GetMask(currentRow(), ref value)),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Name, "Not a column of this view."),
    };
}
