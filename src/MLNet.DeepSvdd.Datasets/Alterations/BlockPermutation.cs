namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// The paper's first alteration (section V-A, "Block perm. N × N"): split the image into N × N equal blocks and put every block somewhere
/// else. The anomaly has the natural image's exact pixel values (the same multiset) in a broken geometric arrangement.
/// </summary>
/// <remarks>
/// Sampling rule: blocks are numbered row-major, 0 … N²−1, block (i, j) covering rows i·H/N … (i+1)·H/N − 1 and columns
/// j·W/N … (j+1)·W/N − 1. A permutation π of the N² numbers is drawn as a uniformly random <em>derangement</em>: <c>random.Shuffle</c>
/// (Fisher–Yates) of 0 … N²−1 is repeated until no block keeps its place (about e ≈ 2.7 shuffles on average). Destination block p then
/// receives source block π(p), in every channel. So the permutation is never the identity and moves every block; an image changes unless
/// the blocks that trade places are identical (a constant image, for example).
/// <para>Ground-truth mask (<see cref="ImageAlteration.ApplyWithMask(ReadOnlySpan{float}, int, int, int, int)"/>): the <em>broken seams</em>.
/// Two blocks side by side in the output meet at a natural border when their sources were side by side in the same arrangement in the
/// original (left and right, or top and bottom, in that order); otherwise the border is a broken seam. The mask is the band of
/// <see cref="SeamWidth"/> pixels on each side of every broken seam, along that seam's length (clipped to the image); the image's outer
/// border is never a seam. Why not every changed pixel: a moved block's interior is natural image content, pixel for pixel, and since
/// every block moves, "changed" would mark nearly the whole image (all of it for a textured image), so a pixel-level metric would only
/// measure the image-level score again. What no natural image has is the discontinuity where unrelated blocks meet, and that is where a
/// person looking for the defect sees it. Pixel-level definition, equivalent to the block-level rule: pixels (x, y) and (x + 1, y) of the
/// output form a broken pair when their source pixels are not (x', y') and (x' + 1, y') (likewise (x, y), (x, y + 1) for rows), and a
/// pixel is in the mask when it is within <see cref="SeamWidth"/> pixels of a broken pair's border on its row (column), on either side.</para>
/// </remarks>
public sealed class BlockPermutation : ImageAlteration
{
    /// <summary>Creates the N × N block permutation.</summary>
    /// <param name="blocksPerSide">N, at least 2 (the paper uses 2 and 8). Height and width must be divisible by it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blocksPerSide"/> is less than 2.</exception>
    public BlockPermutation(int blocksPerSide)
    {
        if (blocksPerSide < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(blocksPerSide), blocksPerSide,
                "A block permutation needs at least 2 × 2 blocks: with one block the only permutation is the identity.");
        }
        BlocksPerSide = blocksPerSide;
    }

    /// <summary>N: the image is split into N × N blocks.</summary>
    public int BlocksPerSide { get; }

    /// <summary>
    /// How many pixels on each side of a broken seam the ground-truth mask covers (see the remarks); at least 1. Default 1: the two pixel
    /// columns (rows) that meet at the seam. It changes only the mask, never the altered pixels.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int SeamWidth
    {
        get => seamWidth;
        init => seamWidth = value >= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(SeamWidth), value, "The seam band of a block permutation's mask must be at least 1 pixel wide.");
    }

    private readonly int seamWidth = 1;

    /// <inheritdoc />
    public override string Name => $"Block permutation {BlocksPerSide}×{BlocksPerSide}";

    /// <inheritdoc />
    protected override void CheckGeometry(int channels, int height, int width)
    {
        if (height % BlocksPerSide != 0 || width % BlocksPerSide != 0)
        {
            throw new ArgumentException(
                $"{Name} needs the height and width to be divisible by {BlocksPerSide}, but the image is {height} × {width} " +
                $"(height % {BlocksPerSide} = {height % BlocksPerSide}, width % {BlocksPerSide} = {width % BlocksPerSide}). " +
                $"Resize the images (ResizeImages) to a multiple of {BlocksPerSide} or choose a block count that divides both.");
        }
    }

    /// <inheritdoc />
    protected override void Alter(ReadOnlySpan<float> image, Span<float> destination, int channels, int height, int width, Random random) =>
        Move(image, destination, DrawDerangement(BlocksPerSide * BlocksPerSide, random), channels, height, width);

    /// <summary>Moves the blocks and marks the band of <see cref="SeamWidth"/> pixels on each side of every broken seam (see the remarks).</summary>
    /// <inheritdoc />
    protected override void Alter(ReadOnlySpan<float> image, Span<float> destination, Span<bool> mask, int channels, int height, int width, Random random)
    {
        var permutation = DrawDerangement(BlocksPerSide * BlocksPerSide, random);
        Move(image, destination, permutation, channels, height, width);
        MarkBrokenSeams(permutation, BlocksPerSide, SeamWidth, mask, height, width);
    }

    /// <summary>
    /// Marks, in the row-major <paramref name="mask"/>, the band of <paramref name="seamWidth"/> pixels on each side of every border between
    /// two output blocks whose sources were not neighbours in the same arrangement (destination block p holds source block permutation[p]).
    /// </summary>
    internal static void MarkBrokenSeams(int[] permutation, int n, int seamWidth, Span<bool> mask, int height, int width)
    {
        int blockHeight = height / n, blockWidth = width / n;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int source = permutation[i * n + j];
                // The right neighbour is natural when its source is the next block of the same source row.
                if (j + 1 < n && !(source % n < n - 1 && permutation[i * n + j + 1] == source + 1))
                {
                    int border = (j + 1) * blockWidth;
                    Mark(mask, width, i * blockHeight, (i + 1) * blockHeight, Math.Max(0, border - seamWidth), Math.Min(width, border + seamWidth));
                }
                // The lower neighbour is natural when its source is the block below in the same source column.
                if (i + 1 < n && !(source / n < n - 1 && permutation[(i + 1) * n + j] == source + n))
                {
                    int border = (i + 1) * blockHeight;
                    Mark(mask, width, Math.Max(0, border - seamWidth), Math.Min(height, border + seamWidth), j * blockWidth, (j + 1) * blockWidth);
                }
            }
        }
    }

    /// <summary>Sets rows top … bottom − 1, columns left … right − 1 of the row-major mask.</summary>
    private static void Mark(Span<bool> mask, int width, int top, int bottom, int left, int right)
    {
        for (int y = top; y < bottom; y++) mask.Slice(y * width + left, right - left).Fill(true);
    }

    /// <summary>Destination block p receives source block <paramref name="permutation"/>[p], in every channel.</summary>
    private void Move(ReadOnlySpan<float> image, Span<float> destination, int[] permutation, int channels, int height, int width)
    {
        int n = BlocksPerSide, blockHeight = height / n, blockWidth = width / n;
        for (int target = 0; target < permutation.Length; target++)
        {
            int source = permutation[target];
            int sourceTop = source / n * blockHeight, sourceLeft = source % n * blockWidth;
            int targetTop = target / n * blockHeight, targetLeft = target % n * blockWidth;
            for (int c = 0; c < channels; c++)
            {
                for (int dy = 0; dy < blockHeight; dy++)
                {
                    int from = (c * height + sourceTop + dy) * width + sourceLeft;
                    int to = (c * height + targetTop + dy) * width + targetLeft;
                    image.Slice(from, blockWidth).CopyTo(destination.Slice(to, blockWidth));
                }
            }
        }
    }

    /// <summary>A uniformly random permutation of 0 … count−1 without fixed points (count ≥ 2), by rejection of Fisher–Yates shuffles.</summary>
    internal static int[] DrawDerangement(int count, Random random)
    {
        var permutation = new int[count];
        for (int i = 0; i < count; i++) permutation[i] = i;
        do
        {
            random.Shuffle(permutation);
        }
        while (HasFixedPoint(permutation));
        return permutation;
    }

    private static bool HasFixedPoint(int[] permutation)
    {
        for (int i = 0; i < permutation.Length; i++)
        {
            if (permutation[i] == i) return true;
        }
        return false;
    }
}
