namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// An <see cref="ImageAlterationTransformer"/> bound to an input schema: the output schema (every input column, then the altered image
/// column, which hides an input column of the same name) and the getters of a row of it. Shared by the data view's cursors and the
/// row-to-row mapper.
/// </summary>
internal sealed class AlterationBinding
{
    private readonly ImageAlteration alteration;
    private readonly int seed;
    private readonly DataViewSchema.Column imageColumn;
    private readonly int channels, height, width;

    public AlterationBinding(DataViewSchema inputSchema, ImageAlteration alteration, string outputColumnName, string inputColumnName, int seed,
        string? maskColumnName = null)
    {
        InputSchema = inputSchema;
        this.alteration = alteration;
        this.seed = seed;
        var column = inputSchema.GetColumnOrNull(inputColumnName) ?? throw new ArgumentOutOfRangeException(nameof(inputColumnName),
            $"Image column '{inputColumnName}' was not found. Available columns: {string.Join(", ", inputSchema.Select(c => $"'{c.Name}'"))}.");
        if (column.Type is not VectorDataViewType { ItemType: var item, Dimensions: { Length: 3 } dims } type
            || item != NumberDataViewType.Single || !type.IsKnownSize)
        {
            throw new ArgumentOutOfRangeException(nameof(inputColumnName),
                $"{alteration.Name} needs column '{inputColumnName}' to be an image: a vector of Single with dimensions [channels, height, " +
                $"width], as ExtractPixels or the CIFAR-10 reader make it; it is {column.Type}.");
        }
        if (maskColumnName == outputColumnName)
        {
            throw new ArgumentException(
                $"The mask column and the altered image column are both named '{outputColumnName}'; give the mask another name.", nameof(maskColumnName));
        }
        imageColumn = column;
        (channels, height, width) = (dims[0], dims[1], dims[2]);
        alteration.CheckShape(channels, height, width);

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        builder.AddColumn(outputColumnName, new VectorDataViewType(NumberDataViewType.Single, channels, height, width));
        if (maskColumnName is not null) builder.AddColumn(maskColumnName, new VectorDataViewType(NumberDataViewType.Single, height, width));
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    /// <summary>The index of the altered column in <see cref="OutputSchema"/>; smaller indices are the input columns.</summary>
    public int OutputIndex => InputSchema.Count;

    /// <summary>The index of the mask column in <see cref="OutputSchema"/> (right after the altered column), or −1 without one.</summary>
    public int MaskIndex => OutputSchema.Count > InputSchema.Count + 1 ? InputSchema.Count + 1 : -1;

    /// <summary>Whether <paramref name="column"/> is one of the columns the transform adds (the altered image or the mask).</summary>
    public bool IsOutput(DataViewSchema.Column column) => column.Index >= OutputIndex;

    /// <summary>The input columns needed to produce <paramref name="outputColumns"/> (columns of <see cref="OutputSchema"/>).</summary>
    public IEnumerable<DataViewSchema.Column> InputColumnsFor(IEnumerable<DataViewSchema.Column> outputColumns)
    {
        var needed = new HashSet<int>();
        foreach (var column in outputColumns)
        {
            if (IsOutput(column)) needed.Add(imageColumn.Index);
            else needed.Add(column.Index);
        }
        return needed.Order().Select(i => InputSchema[i]);
    }

    /// <summary>The added columns among <paramref name="outputColumns"/>, by index.</summary>
    public HashSet<int> OutputsAmong(IEnumerable<DataViewSchema.Column> outputColumns) => [.. outputColumns.Where(IsOutput).Select(c => c.Index)];

    /// <summary>The alteration state of one cursor or mapped row over <paramref name="input"/>, shared by the getters of the added columns.</summary>
    /// <param name="input">A row or cursor over <see cref="InputSchema"/> with the image column active.</param>
    /// <param name="cachePerPosition">Alter each row once even if the getters are called again (cursors); rows from a mapper are altered
    /// on every call, since their position need not change between different inputs.</param>
    public RowAlteration CreateRowAlteration(DataViewRow input, bool cachePerPosition) =>
        new(input, alteration, imageColumn, seed, (channels, height, width), cachePerPosition);

    /// <summary>A getter of <paramref name="column"/> (of <see cref="OutputSchema"/>) for the current row of <paramref name="input"/>.</summary>
    /// <param name="input">A row or cursor over <see cref="InputSchema"/>.</param>
    /// <param name="column">The column.</param>
    /// <param name="row">The row's alteration (<see cref="CreateRowAlteration"/>); used for the added columns only.</param>
    public ValueGetter<TValue> GetGetter<TValue>(DataViewRow input, DataViewSchema.Column column, Lazy<RowAlteration> row)
    {
        if (!IsOutput(column)) return input.GetGetter<TValue>(InputSchema[column.Index]);
        if (column.Index >= OutputSchema.Count) throw new ArgumentOutOfRangeException(nameof(column), column.Name, "Not a column of this schema.");
        Delegate getter = column.Index == OutputIndex ? AlteredImageGetter(row) : MaskGetter(row);
        return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' is {column.Type}; it cannot be read as {typeof(TValue).Name}.");
    }

    private static ValueGetter<VBuffer<float>> AlteredImageGetter(Lazy<RowAlteration> row) => (ref VBuffer<float> value) =>
    {
        var alteration = row.Value;
        alteration.Update();
        var editor = VBufferEditor.Create(ref value, alteration.Altered.Length);
        alteration.Altered.CopyTo(editor.Values);
        value = editor.Commit();
    };

    /// <summary>The mask as Single: 1 where the defect is, 0 elsewhere.</summary>
    private static ValueGetter<VBuffer<float>> MaskGetter(Lazy<RowAlteration> row) => (ref VBuffer<float> value) =>
    {
        var alteration = row.Value;
        alteration.Update();
        var editor = VBufferEditor.Create(ref value, alteration.Mask.Length);
        for (int p = 0; p < alteration.Mask.Length; p++) editor.Values[p] = alteration.Mask[p] ? 1f : 0f;
        value = editor.Commit();
    };
}
