using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Baselines.Geo.Transformations;

/// <summary>
/// GEO's set of 72 transformations of square images of a given size, and their application to batches of flat image rows
/// ([C, H, W] laid out row-major, as ML.NET's ExtractPixels produces). Every transformation only moves pixels, so each is stored as an
/// index map (output pixel → source pixel, per channel the same) and a batch is transformed with one <c>gather</c>.
/// </summary>
public sealed class GeometricTransformations
{
    /// <summary>Number of transformations: 2 flips × 3 x-shifts × 3 y-shifts × 4 rotations.</summary>
    public const int Count = 72;

    private readonly long[] sourceIndex; // [Count, H * W]

    /// <summary>The transformations of <paramref name="size"/>×<paramref name="size"/> images with shifts of ±<paramref name="shift"/> pixels.</summary>
    /// <param name="size">Height and width of the images (rotations by 90° need square images).</param>
    /// <param name="shift">s, the shift in pixels; the paper's 8 for 32×32 images (a quarter of the side). 0 &lt; s &lt; size.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 2 or the shift is not in (0, size).</exception>
    public GeometricTransformations(int size, int shift)
    {
        if (size < 2) throw new ArgumentOutOfRangeException(nameof(size), size, "GEO needs images of at least 2×2 pixels.");
        if (shift <= 0 || shift >= size)
            throw new ArgumentOutOfRangeException(nameof(shift), shift, $"The GEO shift must be between 1 and {size - 1} pixels for {size}×{size} images.");
        Size = size;
        Shift = shift;
        var all = new List<GeometricTransformation>(Count);
        int[] shifts = [0, -shift, shift];
        foreach (bool flip in new[] { false, true })
            foreach (int x in shifts)
                foreach (int y in shifts)
                    for (int k = 0; k < 4; k++)
                        all.Add(new GeometricTransformation(all.Count, flip, x, y, k));
        All = all;
        int pixels = size * size;
        sourceIndex = new long[Count * pixels];
        foreach (var t in all)
        {
            for (int row = 0; row < size; row++)
                for (int column = 0; column < size; column++)
                    sourceIndex[t.Index * pixels + row * size + column] = SourcePixel(t, row, column);
        }
    }

    /// <summary>The side of the images, in pixels.</summary>
    public int Size { get; }

    /// <summary>s, the shift in pixels.</summary>
    public int Shift { get; }

    /// <summary>The 72 transformations in class order.</summary>
    public IReadOnlyList<GeometricTransformation> All { get; }

    /// <summary>The default shift for images of a side: a quarter of it, rounded (8 at 32 px, as in the paper), at least 1.</summary>
    public static int DefaultShift(int size) => Math.Max(1, (int)Math.Round(size / 4.0));

    /// <summary>The source pixel (row · size + column) that transformation <paramref name="t"/> puts at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public int SourcePixel(GeometricTransformation t, int row, int column)
    {
        ArgumentNullException.ThrowIfNull(t);
        int n = Size;
        // Undo the rotations: one counter-clockwise quarter turn puts input (r, c) at (n − 1 − c, r).
        for (int k = 0; k < t.Rotations; k++) (row, column) = (column, n - 1 - row);
        // Undo the shift, reflecting at the border.
        row = Reflect(row - t.ShiftY, n);
        column = Reflect(column - t.ShiftX, n);
        if (t.Flip) column = n - 1 - column;
        return row * n + column;
    }

    /// <summary>
    /// Applies transformation <c>indices[i]</c> to row i of <paramref name="images"/> ([N, C·H·W] or [N, C, H, W], any device);
    /// returns a new [N, C·H·W] tensor on the same device.
    /// </summary>
    public Tensor Apply(Tensor images, Tensor indices)
    {
        using var table = SourceTable(images.device);
        return Apply(images, indices, table);
    }

    /// <summary>All 72 transformations of each of the <c>N</c> rows: [N · 72, C·H·W], row i · 72 + t being transformation t of image i.</summary>
    public Tensor ApplyAll(Tensor images)
    {
        using var table = SourceTable(images.device);
        return ApplyAll(images, table);
    }

    /// <summary><see cref="Apply(Tensor, Tensor)"/> with the index maps of <see cref="SourceTable"/> already on the images' device.</summary>
    internal Tensor Apply(Tensor images, Tensor indices, Tensor table)
    {
        using var scope = NewDisposeScope();
        long n = images.shape[0];
        long pixels = (long)Size * Size;
        var flat = images.reshape(n, -1, pixels);
        var index = table.index_select(0, indices.to(ScalarType.Int64)).unsqueeze(1).expand(n, flat.shape[1], pixels);
        return flat.gather(2, index).reshape(n, -1).MoveToOuterDisposeScope();
    }

    /// <summary><see cref="ApplyAll(Tensor)"/> with the index maps already on the images' device.</summary>
    internal Tensor ApplyAll(Tensor images, Tensor table)
    {
        using var scope = NewDisposeScope();
        long n = images.shape[0];
        var repeated = images.reshape(n, -1).repeat_interleave(Count, 0);
        var indices = HeldScalar.Range(Count, images.device).repeat(n);
        return Apply(repeated, indices, table).MoveToOuterDisposeScope();
    }

    /// <summary>The index maps as a [72, H·W] Int64 tensor on <paramref name="device"/>.</summary>
    internal Tensor SourceTable(Device device) => tensor(sourceIndex, [Count, (long)Size * Size]).to(device);

    /// <summary>Half-sample symmetric reflection into [0, n): −1 → 0, −2 → 1, n → n − 1 (scipy's and Keras's "reflect").</summary>
    private static int Reflect(int p, int n)
    {
        if (p < 0) return -p - 1;
        if (p >= n) return 2 * n - 1 - p;
        return p;
    }
}
