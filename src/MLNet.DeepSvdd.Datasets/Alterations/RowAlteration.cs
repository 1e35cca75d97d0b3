namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// The alteration of the current row of a cursor or mapped row: reads the image, alters it with its seed
/// (<see cref="AlterationSeed.For"/>) and keeps the altered pixels and the defect mask for the transform's output columns, so that reading
/// both columns alters the row once.
/// </summary>
internal sealed class RowAlteration
{
    private readonly DataViewRow input;
    private readonly ImageAlteration alteration;
    private readonly DataViewSchema.Column imageColumn;
    private readonly int seed, channels, height, width;
    private readonly bool cachePerPosition;
    private readonly ValueGetter<VBuffer<float>> readImage;
    private readonly float[] image;
    private VBuffer<float> source;
    private long alteredPosition = -1;

    /// <param name="input">A row or cursor whose image column is active.</param>
    /// <param name="alteration">The alteration.</param>
    /// <param name="imageColumn">The [C, H, W] image column of <paramref name="input"/>.</param>
    /// <param name="seed">The transform's seed.</param>
    /// <param name="shape">The image's [channels, height, width].</param>
    /// <param name="cachePerPosition">Alter each row once even if read again (cursors); rows from a mapper are altered on every read,
    /// since their position need not change between different inputs.</param>
    public RowAlteration(DataViewRow input, ImageAlteration alteration, DataViewSchema.Column imageColumn, int seed,
        (int Channels, int Height, int Width) shape, bool cachePerPosition)
    {
        this.input = input;
        this.alteration = alteration;
        this.imageColumn = imageColumn;
        this.seed = seed;
        (channels, height, width) = shape;
        this.cachePerPosition = cachePerPosition;
        readImage = input.GetGetter<VBuffer<float>>(imageColumn);
        image = new float[channels * height * width];
        Altered = new float[image.Length];
        Mask = new bool[height * width];
    }

    /// <summary>The altered pixels of the row, after <see cref="Update"/>.</summary>
    public float[] Altered { get; }

    /// <summary>The defect mask of the row (row-major height × width), after <see cref="Update"/>.</summary>
    public bool[] Mask { get; }

    /// <summary>Alters the current row unless it is already altered (cursors).</summary>
    /// <exception cref="InvalidOperationException">The row's image has another length than its column type says.</exception>
    public void Update()
    {
        if (cachePerPosition && alteredPosition == input.Position && input.Position >= 0) return;
        readImage(ref source);
        if (source.Length != image.Length)
        {
            throw new InvalidOperationException(
                $"Column '{imageColumn.Name}' holds a vector of {source.Length} values in this row; its type says {image.Length}.");
        }
        source.CopyTo(image);
        alteration.Apply(image, Altered, Mask, channels, height, width, new Random(AlterationSeed.For(seed, image)));
        alteredPosition = input.Position;
    }
}
