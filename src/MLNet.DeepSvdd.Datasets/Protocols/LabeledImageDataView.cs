namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>
/// The view of a protocol part over images held as bytes: Image (Vector&lt;Single, C, H, W&gt;, values 0–255), Label (Single), Class (Int32).
/// Pixels are converted into the reader's buffer only when Image is read. Row count known; can be shuffled; the row id is the row number.
/// </summary>
internal sealed class LabeledImageDataView : InMemoryImageDataView
{
    private const int LabelColumn = 1, ClassColumn = 2;

    private readonly LabeledImage[] rows;

    public LabeledImageDataView(LabeledImage[] rows, int channels, int height, int width) : base(rows.Length, MakeSchema(channels, height, width))
    {
        this.rows = rows;
    }

    private static DataViewSchema MakeSchema(int channels, int height, int width)
    {
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(ProtocolColumns.Image, new VectorDataViewType(NumberDataViewType.Single, channels, height, width));
        schema.AddColumn(ProtocolColumns.Label, NumberDataViewType.Single);
        schema.AddColumn(ProtocolColumns.Class, NumberDataViewType.Int32);
        return schema.ToSchema();
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
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Name, "Not a column of this view."),
    };
}
