using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Tests.Datasets;

/// <summary>The ground-truth masks of the alterations, on synthetic images (no CIFAR-10): what each mask marks and that asking for it changes nothing.</summary>
public class AlterationMaskTests
{
    private const int C = 3, H = 32, W = 32, Plane = H * W;

    public static TheoryData<string> Alterations => ["block 2", "block 8", "strokes 1", "strokes 3", "cutpaste", "scar"];

    [Theory]
    [MemberData(nameof(Alterations))]
    public void Asking_for_the_mask_gives_the_same_pixels_and_leaves_the_random_source_in_the_same_state(string name)
    {
        var alteration = Create(name);
        for (int seed = 0; seed < 40; seed++)
        {
            var image = Noise(seed);
            var (plainRandom, maskRandom) = (new Random(seed), new Random(seed));
            var plain = alteration.Apply(image, C, H, W, plainRandom);
            var withMask = alteration.ApplyWithMask(image, C, H, W, maskRandom);
            withMask.Pixels.Should().Equal(plain, $"{name}, seed {seed}");
            withMask.Mask.Should().HaveCount(Plane);
            maskRandom.Next().Should().Be(plainRandom.Next(), "the same numbers were drawn");
            alteration.ApplyWithMask(image, C, H, W, seed).Mask.Should().Equal(withMask.Mask, "the seed overload draws from new Random(seed)");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_strokes_mask_is_every_pixel_within_half_the_thickness_of_a_segment_and_covers_every_changed_pixel(int thickness)
    {
        var strokes = new Strokes(thickness);
        for (int seed = 0; seed < 30; seed++)
        {
            var image = Noise(seed);
            var altered = strokes.ApplyWithMask(image, C, H, W, seed);
            var segments = Strokes.Draw(new Random(seed), C, H, W).Polylines.SelectMany(points => points.Zip(points.Skip(1))).ToList();
            for (int p = 0; p < Plane; p++)
            {
                double x = p % W, y = p / W;
                var distances = segments.Select(s => StrokesTests.DistanceToSegment(x, y, s.First, s.Second)).ToList();
                // Pixels within 1e-9 of the boundary are left out: there the library's and this test's rounding may differ.
                if (distances.Any(d => d <= thickness / 2.0 - 1e-9)) altered.Mask[p].Should().BeTrue($"seed {seed}, ({x}, {y}) is on a stroke");
                else if (distances.All(d => d > thickness / 2.0 + 1e-9)) altered.Mask[p].Should().BeFalse($"seed {seed}, ({x}, {y}) is off every stroke");
                if (Enumerable.Range(0, C).Any(c => altered.Pixels[c * Plane + p] != image[c * Plane + p]))
                    altered.Mask[p].Should().BeTrue($"seed {seed}: a changed pixel is a stroke pixel");
            }
        }
    }

    [Fact]
    public void A_stroke_over_pixels_that_already_have_its_colour_is_still_in_the_mask()
    {
        var strokes = new Strokes(2);
        var colour = Strokes.Draw(new Random(5), C, H, W).Colour;
        var plain = Enumerable.Range(0, C * Plane).Select(i => colour[i / Plane]).ToArray();
        var altered = strokes.ApplyWithMask(plain, C, H, W, seed: 5);
        altered.Pixels.Should().Equal(plain, "an image of the stroke colour does not change");
        altered.Mask.Should().Contain(true).And.Equal(strokes.ApplyWithMask(Noise(1), C, H, W, seed: 5).Mask,
            "the mask is where the strokes are, whatever the image");
    }

    [Theory]
    // Left and right swapped in both rows: the vertical seam is broken; the top-bottom borders stay natural (3 is below 1, 2 below 0).
    [InlineData(new[] { 1, 0, 3, 2 }, true, false)]
    // The rows swapped: the horizontal seam is broken; 2 → 3 and 0 → 1 stay side by side.
    [InlineData(new[] { 2, 3, 0, 1 }, false, true)]
    // Turned by 180°: every seam broken.
    [InlineData(new[] { 3, 2, 1, 0 }, true, true)]
    public void The_block_permutation_mask_is_the_band_around_the_broken_seams_hand_derived(int[] permutation, bool verticalSeam, bool horizontalSeam)
    {
        // 4 × 4 image, 2 × 2 blocks of 2 × 2 pixels, seam width 1: the vertical seam's band is columns 1 and 2, the horizontal one's rows 1 and 2.
        var mask = new bool[16];
        BlockPermutation.MarkBrokenSeams(permutation, 2, 1, mask, 4, 4);
        var expected = Enumerable.Range(0, 16).Select(p => (verticalSeam && p % 4 is 1 or 2) || (horizontalSeam && p / 4 is 1 or 2)).ToArray();
        mask.Should().Equal(expected);

        // Seam width 2 on 8 × 8 (blocks of 4): the band is columns 2 … 5 for the left-right swap.
        var wide = new bool[64];
        BlockPermutation.MarkBrokenSeams([1, 0, 3, 2], 2, 2, wide, 8, 8);
        wide.Should().Equal(Enumerable.Range(0, 64).Select(p => p % 8 is >= 2 and <= 5));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(4, 1)]
    [InlineData(8, 1)]
    [InlineData(4, 2)]
    public void The_block_permutation_mask_is_every_pixel_near_a_pair_of_neighbours_that_were_not_neighbours_before(int blocks, int seamWidth)
    {
        // Channel 0 holds each pixel's column and channel 1 its row, so the output tells where every pixel came from.
        var coordinates = new float[C * Plane];
        for (int p = 0; p < Plane; p++) (coordinates[p], coordinates[Plane + p]) = (p % W, p / W);
        var permutation = new BlockPermutation(blocks) { SeamWidth = seamWidth };
        for (int seed = 0; seed < 20; seed++)
        {
            var altered = permutation.ApplyWithMask(coordinates, C, H, W, seed);
            (float X, float Y) Source(int x, int y) => (altered.Pixels[y * W + x], altered.Pixels[Plane + y * W + x]);
            var expected = new bool[Plane];
            for (int y = 0; y < H; y++)
            {
                for (int x = 0; x < W; x++)
                {
                    if (x + 1 < W && Source(x + 1, y) != (Source(x, y).X + 1, Source(x, y).Y))
                    {
                        for (int b = Math.Max(0, x - seamWidth + 1); b <= Math.Min(W - 1, x + seamWidth); b++) expected[y * W + b] = true;
                    }
                    if (y + 1 < H && Source(x, y + 1) != (Source(x, y).X, Source(x, y).Y + 1))
                    {
                        for (int b = Math.Max(0, y - seamWidth + 1); b <= Math.Min(H - 1, y + seamWidth); b++) expected[b * W + x] = true;
                    }
                }
            }
            altered.Mask.Should().Equal(expected, $"{blocks}×{blocks}, seam width {seamWidth}, seed {seed}");
            altered.Mask.Should().Contain(true, "a derangement breaks at least one seam");
        }
        var narrow = () => new BlockPermutation(2) { SeamWidth = 0 };
        narrow.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least 1 pixel*");
    }

    /// <summary>Integer noise 0–255, planar [3, 32, 32].</summary>
    internal static float[] Noise(int seed)
    {
        var random = new Random(1000 + seed);
        return [.. Enumerable.Range(0, C * Plane).Select(_ => (float)random.Next(256))];
    }

    private static ImageAlteration Create(string name) => name switch
    {
        "block 2" => new BlockPermutation(2),
        "block 8" => new BlockPermutation(8),
        "strokes 1" => new Strokes(1),
        "strokes 3" => new Strokes(3),
        "cutpaste" => new CutPaste(),
        "scar" => new CutPasteScar(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
