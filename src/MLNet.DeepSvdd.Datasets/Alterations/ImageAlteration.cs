namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// A way of turning a natural image into an anomaly: the paper's "image alteration anomalies" (section V-A). Images are in the planar
/// layout of ML.NET's <c>ExtractPixels</c> and the CIFAR-10 reader: channel × height × width, value (c, y, x) at
/// <c>(c·height + y)·width + x</c>, values 0–255. An alteration is a pure function of the image and the random numbers it draws, so the
/// same image with the same seed always gives the same anomaly.
/// </summary>
/// <remarks>
/// Use it directly (<see cref="Apply(ReadOnlySpan{float}, int, int, int, int)"/>, or <see cref="ApplyWithMask(ReadOnlySpan{float}, int, int, int, int)"/>
/// for the pixel mask of the defect as well, the ground truth of localization metrics), as an ML.NET transform
/// (<see cref="AlterationCatalog"/>), or through the protocols that build the paper's data splits. The transform and the protocols seed
/// each image with <see cref="AlterationSeed.For"/>, so all three give the same anomaly for the same image and seed.
/// </remarks>
public abstract class ImageAlteration
{
    /// <summary>The alteration in the paper's words, e.g. "Block permutation 2×2" or "Strokes 1".</summary>
    public abstract string Name { get; }

    /// <summary>Alters a copy of <paramref name="image"/>, drawing from <c>new Random(seed)</c>.</summary>
    /// <param name="image">The pixels, planar [channels, height, width].</param>
    /// <param name="channels">Colour channels (3 for RGB).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="seed">Seed of the <see cref="Random"/> the alteration draws from.</param>
    /// <returns>The altered image, a new array in the same layout.</returns>
    /// <exception cref="ArgumentException">The shape does not match the image, or this alteration cannot handle it.</exception>
    public float[] Apply(ReadOnlySpan<float> image, int channels, int height, int width, int seed) =>
        Apply(image, channels, height, width, new Random(seed));

    /// <summary>Alters a copy of <paramref name="image"/>, drawing from <paramref name="random"/> (which it advances).</summary>
    /// <param name="image">The pixels, planar [channels, height, width].</param>
    /// <param name="channels">Colour channels (3 for RGB).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="random">The source of randomness; the same state gives the same result.</param>
    /// <returns>The altered image, a new array in the same layout.</returns>
    /// <exception cref="ArgumentException">The shape does not match the image, or this alteration cannot handle it.</exception>
    public float[] Apply(ReadOnlySpan<float> image, int channels, int height, int width, Random random)
    {
        var altered = new float[image.Length];
        Apply(image, altered, channels, height, width, random);
        return altered;
    }

    /// <summary>Writes the altered <paramref name="image"/> into <paramref name="destination"/> without allocating.</summary>
    /// <param name="image">The pixels, planar [channels, height, width].</param>
    /// <param name="destination">Receives the altered pixels; at least as long as the image and not overlapping it.</param>
    /// <param name="channels">Colour channels (3 for RGB).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="random">The source of randomness; the same state gives the same result.</param>
    /// <exception cref="ArgumentException">
    /// The shape does not match the image, this alteration cannot handle it, or <paramref name="destination"/> is too short or overlaps
    /// the image.
    /// </exception>
    public void Apply(ReadOnlySpan<float> image, Span<float> destination, int channels, int height, int width, Random random)
    {
        destination = CheckArguments(image, destination, channels, height, width, random);
        Alter(image, destination, channels, height, width, random);
    }

    /// <summary>The checks every Apply makes; returns <paramref name="destination"/> cut to the image's length.</summary>
    private Span<float> CheckArguments(ReadOnlySpan<float> image, Span<float> destination, int channels, int height, int width, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckShape(channels, height, width);
        int length = channels * height * width;
        if (image.Length != length)
        {
            throw new ArgumentException(
                $"The image has {image.Length} values, but [channels, height, width] = [{channels}, {height}, {width}] needs {length}.",
                nameof(image));
        }
        if (destination.Length < length)
            throw new ArgumentException($"The destination has {destination.Length} values; the image needs {length}.", nameof(destination));
        destination = destination[..length];
        if (image.Overlaps(destination))
            throw new ArgumentException("The destination overlaps the image; alter into a separate buffer.", nameof(destination));
        return destination;
    }

    /// <summary>
    /// Alters a copy of <paramref name="image"/>, drawing from <c>new Random(seed)</c>, and returns the ground-truth mask of the defect with
    /// it. The altered pixels are exactly those of <see cref="Apply(ReadOnlySpan{float}, int, int, int, int)"/> with the same seed.
    /// </summary>
    /// <param name="image">The pixels, planar [channels, height, width].</param>
    /// <param name="channels">Colour channels (3 for RGB).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="seed">Seed of the <see cref="Random"/> the alteration draws from.</param>
    /// <returns>The altered image and its defect mask (see <see cref="Apply(ReadOnlySpan{float}, Span{float}, Span{bool}, int, int, int, Random)"/>).</returns>
    /// <exception cref="ArgumentException">The shape does not match the image, or this alteration cannot handle it.</exception>
    public AlteredImage ApplyWithMask(ReadOnlySpan<float> image, int channels, int height, int width, int seed) =>
        ApplyWithMask(image, channels, height, width, new Random(seed));

    /// <summary>
    /// Alters a copy of <paramref name="image"/>, drawing from <paramref name="random"/> (which it advances exactly as
    /// <see cref="Apply(ReadOnlySpan{float}, int, int, int, Random)"/> does), and returns the ground-truth mask of the defect with it.
    /// </summary>
    /// <param name="image">The pixels, planar [channels, height, width].</param>
    /// <param name="channels">Colour channels (3 for RGB).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="random">The source of randomness; the same state gives the same result.</param>
    /// <returns>The altered image and its defect mask.</returns>
    /// <exception cref="ArgumentException">The shape does not match the image, or this alteration cannot handle it.</exception>
    public AlteredImage ApplyWithMask(ReadOnlySpan<float> image, int channels, int height, int width, Random random)
    {
        var altered = new float[image.Length];
        var mask = new bool[Math.Max(0, height) * Math.Max(0, width)];
        Apply(image, altered, mask, channels, height, width, random);
        return new AlteredImage(altered, mask);
    }

    /// <summary>
    /// Writes the altered <paramref name="image"/> into <paramref name="destination"/> and the ground-truth mask of the defect into
    /// <paramref name="mask"/>, without allocating. The pixels and the random draws are exactly those of the overload without a mask, so
    /// an anomaly is the same whether or not its mask is asked for.
    /// </summary>
    /// <remarks>
    /// The mask is one value per pixel, row-major (pixel (x, y) at <c>y·width + x</c>), shared by all channels: true where the alteration
    /// put its defect (each alteration's documentation says which pixels those are), false elsewhere. It marks where the defect <em>is</em>,
    /// which can include a pixel whose value happened not to change (a stroke over a pixel that already had the stroke colour). Every
    /// value of <paramref name="mask"/> is written.
    /// </remarks>
    /// <param name="image">The pixels, planar [channels, height, width].</param>
    /// <param name="destination">Receives the altered pixels; at least as long as the image and not overlapping it.</param>
    /// <param name="mask">Receives the defect mask; at least height · width values.</param>
    /// <param name="channels">Colour channels (3 for RGB).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="random">The source of randomness; the same state gives the same result.</param>
    /// <exception cref="ArgumentException">
    /// The shape does not match the image, this alteration cannot handle it, <paramref name="destination"/> is too short or overlaps the
    /// image, or <paramref name="mask"/> is too short.
    /// </exception>
    public void Apply(ReadOnlySpan<float> image, Span<float> destination, Span<bool> mask, int channels, int height, int width, Random random)
    {
        destination = CheckArguments(image, destination, channels, height, width, random);
        int plane = height * width;
        if (mask.Length < plane)
            throw new ArgumentException($"The mask has {mask.Length} values; an image of {height} × {width} pixels needs {plane}.", nameof(mask));
        mask = mask[..plane];
        mask.Clear();
        Alter(image, destination, mask, channels, height, width, random);
    }

    /// <summary>
    /// Checks that this alteration can alter images of this shape; throws an <see cref="ArgumentException"/> that says why not otherwise.
    /// </summary>
    /// <param name="channels">Colour channels, at least 1.</param>
    /// <param name="height">Image height in pixels, at least 1.</param>
    /// <param name="width">Image width in pixels, at least 1.</param>
    /// <exception cref="ArgumentException">A dimension is not positive, or this alteration cannot handle the shape.</exception>
    public void CheckShape(int channels, int height, int width)
    {
        if (channels < 1 || height < 1 || width < 1)
        {
            throw new ArgumentException(
                $"Image dimensions must be positive; got [channels, height, width] = [{channels}, {height}, {width}].");
        }
        if ((long)channels * height * width > Array.MaxLength)
            throw new ArgumentException($"An image of [{channels}, {height}, {width}] values does not fit one array.");
        CheckGeometry(channels, height, width);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Throws an <see cref="ArgumentException"/> when this alteration cannot handle positive dimensions of this shape.</summary>
    /// <param name="channels">Colour channels, at least 1.</param>
    /// <param name="height">Image height in pixels, at least 1.</param>
    /// <param name="width">Image width in pixels, at least 1.</param>
    protected virtual void CheckGeometry(int channels, int height, int width)
    {
    }

    /// <summary>Writes the altered image; the arguments are already checked (same length, no overlap, supported shape).</summary>
    /// <param name="image">The pixels, planar [channels, height, width].</param>
    /// <param name="destination">Exactly as long as the image.</param>
    /// <param name="channels">Colour channels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="random">The source of randomness.</param>
    protected abstract void Alter(ReadOnlySpan<float> image, Span<float> destination, int channels, int height, int width, Random random);

    /// <summary>
    /// Writes the altered image and marks its defect in <paramref name="mask"/>; must draw the same numbers and write the same pixels as
    /// <see cref="Alter(ReadOnlySpan{float}, Span{float}, int, int, int, Random)"/>. The default marks every pixel whose value changed in
    /// some channel, which suits an alteration that only paints its defect; the built-in alterations override it with their own rule.
    /// </summary>
    /// <param name="image">The pixels, planar [channels, height, width].</param>
    /// <param name="destination">Exactly as long as the image.</param>
    /// <param name="mask">Exactly height · width values, all false on entry; set true where the defect is.</param>
    /// <param name="channels">Colour channels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="random">The source of randomness.</param>
    protected virtual void Alter(ReadOnlySpan<float> image, Span<float> destination, Span<bool> mask, int channels, int height, int width, Random random)
    {
        Alter(image, destination, channels, height, width, random);
        int plane = height * width;
        for (int c = 0; c < channels; c++)
        {
            for (int p = 0; p < plane; p++)
            {
                // Compare the bits, so that a NaN left in place is unchanged and -0 painted over +0 is a change.
                if (BitConverter.SingleToInt32Bits(image[c * plane + p]) != BitConverter.SingleToInt32Bits(destination[c * plane + p])) mask[p] = true;
            }
        }
    }
}
