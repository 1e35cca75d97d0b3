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

    public AlterationBinding(DataViewSchema inputSchema, ImageAlteration alteration, string outputColumnName, string inputColumnName, int seed)
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
        imageColumn = column;
        (channels, height, width) = (dims[0], dims[1], dims[2]);
        alteration.CheckShape(channels, height, width);

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        builder.AddColumn(outputColumnName, new VectorDataViewType(NumberDataViewType.Single, channels, height, width));
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    /// <summary>The index of the altered column in <see cref="OutputSchema"/>; smaller indices are the input columns.</summary>
    public int OutputIndex => InputSchema.Count;

    /// <summary>The input columns needed to produce <paramref name="outputColumns"/> (columns of <see cref="OutputSchema"/>).</summary>
    public IEnumerable<DataViewSchema.Column> InputColumnsFor(IEnumerable<DataViewSchema.Column> outputColumns)
    {
        var needed = new HashSet<int>();
        foreach (var column in outputColumns)
        {
            if (column.Index == OutputIndex) needed.Add(imageColumn.Index);
            else if (column.Index < OutputIndex) needed.Add(column.Index);
        }
        return needed.Order().Select(i => InputSchema[i]);
    }

    /// <summary>Whether <paramref name="outputColumns"/> include the altered column.</summary>
    public bool IncludesOutput(IEnumerable<DataViewSchema.Column> outputColumns) => outputColumns.Any(c => c.Index == OutputIndex);

    /// <summary>A getter of <paramref name="column"/> (of <see cref="OutputSchema"/>) for the current row of <paramref name="input"/>.</summary>
    /// <param name="input">A row or cursor over <see cref="InputSchema"/>.</param>
    /// <param name="column">The column.</param>
    /// <param name="cachePerPosition">Alter each row once even if the getter is called again (cursors); rows from a mapper are altered
    /// on every call, since their position need not change between different inputs.</param>
    public ValueGetter<TValue> GetGetter<TValue>(DataViewRow input, DataViewSchema.Column column, bool cachePerPosition)
    {
        if (column.Index < OutputIndex) return input.GetGetter<TValue>(InputSchema[column.Index]);
        if (column.Index != OutputIndex) throw new ArgumentOutOfRangeException(nameof(column), column.Name, "Not a column of this schema.");
        return AlteredImageGetter(input, cachePerPosition) as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' is {column.Type}; it cannot be read as {typeof(TValue).Name}.");
    }

    private ValueGetter<VBuffer<float>> AlteredImageGetter(DataViewRow input, bool cachePerPosition)
    {
        var readImage = input.GetGetter<VBuffer<float>>(imageColumn);
        int length = channels * height * width;
        VBuffer<float> source = default;
        var image = new float[length];
        var altered = new float[length];
        long alteredPosition = -1;
        return (ref VBuffer<float> value) =>
        {
            if (!cachePerPosition || alteredPosition != input.Position || input.Position < 0)
            {
                readImage(ref source);
                if (source.Length != length)
                {
                    throw new InvalidOperationException(
                        $"Column '{imageColumn.Name}' holds a vector of {source.Length} values in this row; its type says {length}.");
                }
                source.CopyTo(image);
                alteration.Apply(image, altered, channels, height, width, new Random(AlterationSeed.For(seed, image)));
                alteredPosition = input.Position;
            }
            var editor = VBufferEditor.Create(ref value, length);
            altered.CopyTo(editor.Values);
            value = editor.Commit();
        };
    }
}
