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
    protected override void Alter(ReadOnlySpan<float> image, Span<float> destination, int channels, int height, int width, Random random)
    {
        int n = BlocksPerSide, blockHeight = height / n, blockWidth = width / n;
        var permutation = DrawDerangement(n * n, random);
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
