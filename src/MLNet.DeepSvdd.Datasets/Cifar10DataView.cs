namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// An <see cref="IDataView"/> over selected records of a split, with the columns of <see cref="Cifar10Image"/>: Image
/// (Vector&lt;Single, 3, 32, 32&gt;), Class (Int32), ClassName (Text). Nothing is allocated per row: the Image getter converts the record's
/// bytes straight into the caller's buffer, and only when that column is read. Row count is known and the view can be shuffled.
/// </summary>
internal sealed class Cifar10DataView : InMemoryImageDataView
{
    private const int ClassColumn = 1, ClassNameColumn = 2;

    private readonly byte[] records;
    private readonly int[] rows;
    private readonly ReadOnlyMemory<char>[] classNames;

    /// <param name="images">The split.</param>
    /// <param name="rows">The record indices of the view's rows, in order; validated by the caller.</param>
    /// <param name="classNames">The ten class names.</param>
    public Cifar10DataView(Cifar10Images images, int[] rows, IReadOnlyList<string> classNames) : base(rows.Length, MakeSchema())
    {
        records = images.Records;
        this.rows = rows;
        this.classNames = classNames.Select(n => n.AsMemory()).ToArray();
    }

    private static DataViewSchema MakeSchema()
    {
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(nameof(Cifar10Image.Image),
            new VectorDataViewType(NumberDataViewType.Single, Cifar10Image.Channels, Cifar10Image.Height, Cifar10Image.Width));
        schema.AddColumn(nameof(Cifar10Image.Class), NumberDataViewType.Int32);
        schema.AddColumn(nameof(Cifar10Image.ClassName), TextDataViewType.Instance);
        return schema.ToSchema();
    }

    protected override void CopyImage(int row, Span<float> destination) => Cifar10Format.CopyPixels(records, rows[row], destination);

    protected override Delegate OtherGetter(DataViewSchema.Column column, Func<int> currentRow) => column.Index switch
    {
        ClassColumn => (ValueGetter<int>)((ref int value) => value = Cifar10Format.Label(records, rows[currentRow()])),
        ClassNameColumn => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) =>
            value = classNames[Cifar10Format.Label(records, rows[currentRow()])]),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Name, "Not a column of this view."),
    };
}
