namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// A PNG picture of natural images next to their altered copies, to see what an alteration does: one row per image, the original in the
/// first column and one altered copy per further column, separated by white gaps. Written by a built-in PNG encoder (no imaging library).
/// </summary>
/// <example>
/// <code>
/// var originals = Enumerable.Range(0, 8).Select(i => cifar.Test[i].Image).ToList();
/// AnomalyGrid.Save("grid.png", originals, [new BlockPermutation(2), new Strokes(1)], seed: 1, channels: 3, height: 32, width: 32, scale: 4);
/// </code>
/// </example>
public static class AnomalyGrid
{
    private const byte GapValue = 255;

    /// <summary>Writes the grid of <paramref name="originals"/> and the given altered copies as a PNG file.</summary>
    /// <param name="path">The PNG file to write (overwritten).</param>
    /// <param name="originals">The natural images, planar [channels, height, width], values 0–255 (rounded and clamped).</param>
    /// <param name="altered">One list per column after the originals; <c>altered[k][i]</c> is image i altered the k-th way.</param>
    /// <param name="channels">1 (greyscale) or 3 (RGB).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="scale">Each pixel becomes scale × scale pixels (nearest neighbour), at least 1.</param>
    /// <param name="gap">White pixels between images and around the grid, at least 0.</param>
    /// <exception cref="ArgumentException">An image has the wrong length, a column has the wrong number of images, or a size is invalid.</exception>
    public static void Save(string path, IReadOnlyList<float[]> originals, IReadOnlyList<IReadOnlyList<float[]>> altered,
        int channels, int height, int width, int scale = 1, int gap = 2)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllBytes(path, Encode(originals, altered, channels, height, width, scale, gap));
    }

    /// <summary>
    /// Alters every original with each alteration, seeded as the transforms and protocols do (<see cref="AlterationSeed.For"/>), and
    /// writes the grid as a PNG file: column 0 the originals, column k the k-th alteration.
    /// </summary>
    /// <param name="path">The PNG file to write (overwritten).</param>
    /// <param name="originals">The natural images, planar [channels, height, width], values 0–255.</param>
    /// <param name="alterations">The alterations, one column each.</param>
    /// <param name="seed">The seed, as for the transforms.</param>
    /// <param name="channels">1 (greyscale) or 3 (RGB).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="scale">Each pixel becomes scale × scale pixels (nearest neighbour), at least 1.</param>
    /// <param name="gap">White pixels between images and around the grid, at least 0.</param>
    /// <exception cref="ArgumentException">An image has the wrong length, an alteration cannot handle the shape, or a size is invalid.</exception>
    public static void Save(string path, IReadOnlyList<float[]> originals, IReadOnlyList<ImageAlteration> alterations, int seed,
        int channels, int height, int width, int scale = 1, int gap = 2)
    {
        ArgumentNullException.ThrowIfNull(originals);
        ArgumentNullException.ThrowIfNull(alterations);
        var altered = alterations
            .Select(a => (IReadOnlyList<float[]>)originals.Select(o => a.Apply(o, channels, height, width, AlterationSeed.For(seed, o))).ToList())
            .ToList();
        Save(path, originals, altered, channels, height, width, scale, gap);
    }

    /// <summary>The grid as PNG file content (see <see cref="Save(string, IReadOnlyList{float[]}, IReadOnlyList{IReadOnlyList{float[]}}, int, int, int, int, int)"/>).</summary>
    /// <param name="originals">The natural images, planar [channels, height, width], values 0–255.</param>
    /// <param name="altered">One list per column after the originals; <c>altered[k][i]</c> is image i altered the k-th way.</param>
    /// <param name="channels">1 (greyscale) or 3 (RGB).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="scale">Each pixel becomes scale × scale pixels, at least 1.</param>
    /// <param name="gap">White pixels between images and around the grid, at least 0.</param>
    /// <returns>The bytes of a PNG file of (1 + columns) · (width · scale + gap) + gap by rows · (height · scale + gap) + gap pixels.</returns>
    /// <exception cref="ArgumentException">An image has the wrong length, a column has the wrong number of images, or a size is invalid.</exception>
    public static byte[] Encode(IReadOnlyList<float[]> originals, IReadOnlyList<IReadOnlyList<float[]>> altered,
        int channels, int height, int width, int scale = 1, int gap = 2)
    {
        ArgumentNullException.ThrowIfNull(originals);
        ArgumentNullException.ThrowIfNull(altered);
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "The grid shows 1-channel (grey) or 3-channel (RGB) images.");
        if (height < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(height), $"Image size must be positive; got {height} × {width}.");
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be at least 1.");
        if (gap < 0) throw new ArgumentOutOfRangeException(nameof(gap), gap, "Gap must not be negative.");
        if (originals.Count == 0) throw new ArgumentException("The grid needs at least one image.", nameof(originals));

        var columns = new List<IReadOnlyList<float[]>> { originals };
        columns.AddRange(altered);
        for (int k = 0; k < columns.Count; k++)
        {
            if (columns[k].Count != originals.Count)
            {
                throw new ArgumentException(
                    $"Column {k} has {columns[k].Count} images; every column needs one per original ({originals.Count}).", nameof(altered));
            }
        }

        int cellWidth = width * scale, cellHeight = height * scale;
        long pictureWidth = (long)columns.Count * (cellWidth + gap) + gap, pictureHeight = (long)originals.Count * (cellHeight + gap) + gap;
        if (pictureWidth * pictureHeight * channels > Array.MaxLength)
            throw new ArgumentException($"A {pictureWidth} × {pictureHeight} picture is too large; use fewer images or a smaller scale.");
        var pixels = new byte[pictureWidth * pictureHeight * channels];
        Array.Fill(pixels, GapValue);
        for (int row = 0; row < originals.Count; row++)
        {
            for (int column = 0; column < columns.Count; column++)
            {
                int left = gap + column * (cellWidth + gap), top = gap + row * (cellHeight + gap);
                DrawCell(pixels, (int)pictureWidth, left, top, columns[column][row], channels, height, width, scale, (row, column));
            }
        }
        return PngEncoder.Encode(pixels, (int)pictureWidth, (int)pictureHeight, channels);
    }

    /// <summary>Copies one planar image into the interleaved picture at (left, top), each pixel repeated scale × scale times.</summary>
    private static void DrawCell(byte[] pixels, int pictureWidth, int left, int top, float[] image, int channels, int height, int width,
        int scale, (int Row, int Column) cell)
    {
        ArgumentNullException.ThrowIfNull(image);
        int plane = height * width;
        if (image.Length != channels * plane)
        {
            throw new ArgumentException(
                $"The image in row {cell.Row}, column {cell.Column} has {image.Length} values; [{channels}, {height}, {width}] needs {channels * plane}.");
        }
        for (int y = 0; y < height * scale; y++)
        {
            for (int x = 0; x < width * scale; x++)
            {
                int source = y / scale * width + x / scale;
                int target = ((top + y) * pictureWidth + left + x) * channels;
                for (int c = 0; c < channels; c++) pixels[target + c] = (byte)Math.Clamp(MathF.Round(image[c * plane + source]), 0, 255);
            }
        }
    }
}
