using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>Turns planned CIFAR-10 rows into the rows of a pixel view, materialising altered counterparts as bytes.</summary>
internal static class Cifar10Rows
{
    private const int Channels = Cifar10Image.Channels, Height = Cifar10Image.Height, Width = Cifar10Image.Width;
    private const int Length = Cifar10Image.PixelCount;

    /// <summary>The natural images of <paramref name="rows"/>, read in place from the split's records.</summary>
    public static IEnumerable<LabeledImage> Natural(Cifar10Images images, IEnumerable<PlannedRow> rows) =>
        rows.Select(r => Natural(images, r.Source, r.Label));

    /// <summary>Natural image <paramref name="source"/> of the split, read in place.</summary>
    public static LabeledImage Natural(Cifar10Images images, int source, float label) =>
        new(images.Records, source * Cifar10Format.RecordSize + 1, label, images.ClassOf(source));

    /// <summary>
    /// For every source image, the natural image (label 0) followed by its altered counterpart (label 1), the pair kept together.
    /// </summary>
    public static IEnumerable<LabeledImage> Pairs(Cifar10Images images, IReadOnlyList<int> sources, ImageAlteration alteration, int seed)
    {
        var altered = Altered(images, sources, alteration, seed, label: 1f).ToArray();
        for (int k = 0; k < sources.Count; k++)
        {
            yield return Natural(images, sources[k], 0f);
            yield return altered[k];
        }
    }

    /// <summary>
    /// The altered counterparts of the source images, each altered with the seed <see cref="AlterationSeed.For"/>(seed, its pixels), as the
    /// transforms do, and stored as bytes (rounded, clamped to 0–255; exact for the built-in alterations) in one pool: 3 KB per image; their
    /// defect masks in another (1 KB per image). Images are altered in parallel; the result does not depend on the scheduling, since every
    /// image has its own seed.
    /// </summary>
    public static IEnumerable<LabeledImage> Altered(Cifar10Images images, IReadOnlyList<int> sources, ImageAlteration alteration, int seed, float label)
    {
        alteration.CheckShape(Channels, Height, Width);
        const int Plane = Height * Width;
        var pool = new byte[checked(sources.Count * Length)];
        var masks = new bool[checked(sources.Count * Plane)];
        Parallel.For(0, sources.Count, () => (Image: new float[Length], Altered: new float[Length]), (k, _, buffers) =>
        {
            Cifar10Format.CopyPixels(images.Records, sources[k], buffers.Image);
            alteration.Apply(buffers.Image, buffers.Altered, masks.AsSpan(k * Plane, Plane), Channels, Height, Width,
                new Random(AlterationSeed.For(seed, buffers.Image)));
            var target = pool.AsSpan(k * Length, Length);
            for (int i = 0; i < Length; i++) target[i] = (byte)Math.Clamp(MathF.Round(buffers.Altered[i]), 0, 255);
            return buffers;
        }, _ => { });
        return sources.Select((source, k) => new LabeledImage(pool, k * Length, label, images.ClassOf(source), masks, k * Plane));
    }

    /// <summary>A protocol part over CIFAR-10 rows; <paramref name="withMask"/> adds the <see cref="ProtocolColumns.Mask"/> column.</summary>
    public static ProtocolSplit Split(IEnumerable<LabeledImage> rows, bool withMask = false)
    {
        var array = rows.ToArray();
        return new ProtocolSplit(new LabeledImageDataView(array, Channels, Height, Width, withMask), array.Select(r => r.Label));
    }
}
