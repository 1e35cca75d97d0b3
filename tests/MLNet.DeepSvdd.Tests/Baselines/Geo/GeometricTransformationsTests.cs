using MLNet.DeepSvdd.Baselines.Geo.Transformations;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Baselines.Geo;

public class GeometricTransformationsTests
{
    /// <summary>A random C×n×n image as a flat row.</summary>
    private static float[] RandomImage(int channels, int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, channels * n * n).Select(_ => (float)random.NextDouble()).ToArray();
    }

    // An independent, step-by-step reference on 2-D arrays: flip, then shift with reflect filling, then counter-clockwise quarter turns.
    private static float[,] Plane(float[] image, int channel, int n)
    {
        var plane = new float[n, n];
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) plane[r, c] = image[channel * n * n + r * n + c];
        return plane;
    }

    private static float[,] FlipLeftRight(float[,] a)
    {
        int n = a.GetLength(0);
        var b = new float[n, n];
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) b[r, c] = a[r, n - 1 - c];
        return b;
    }

    private static int Mirror(int p, int n) => p < 0 ? -p - 1 : p >= n ? 2 * n - 1 - p : p; // d c b a | a b c d | d c b a

    private static float[,] ShiftBy(float[,] a, int dx, int dy)
    {
        int n = a.GetLength(0);
        var b = new float[n, n];
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) b[r, c] = a[Mirror(r - dy, n), Mirror(c - dx, n)];
        return b;
    }

    private static float[,] RotateCounterClockwise(float[,] a)
    {
        int n = a.GetLength(0);
        var b = new float[n, n];
        // numpy.rot90: the top row becomes the left column, read bottom-up.
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) b[n - 1 - c, r] = a[r, c];
        return b;
    }

    private static float[] Reference(float[] image, int channels, int n, GeometricTransformation t)
    {
        var result = new float[image.Length];
        for (int ch = 0; ch < channels; ch++)
        {
            var p = Plane(image, ch, n);
            if (t.Flip) p = FlipLeftRight(p);
            p = ShiftBy(p, t.ShiftX, t.ShiftY);
            for (int k = 0; k < t.Rotations; k++) p = RotateCounterClockwise(p);
            for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) result[ch * n * n + r * n + c] = p[r, c];
        }
        return result;
    }

    [Fact]
    public void There_are_72_in_the_papers_order_flip_by_x_shift_by_y_shift_by_rotation_starting_with_the_identity()
    {
        var set = new GeometricTransformations(32, GeometricTransformations.DefaultShift(32));
        set.Shift.Should().Be(8, "the paper shifts 32×32 images by 8 pixels");
        set.All.Should().HaveCount(72);
        set.All[0].Should().Be(new GeometricTransformation(0, false, 0, 0, 0));
        set.All[1].Should().Be(new GeometricTransformation(1, false, 0, 0, 1));
        set.All[4].Should().Be(new GeometricTransformation(4, false, 0, -8, 0));
        set.All[12].Should().Be(new GeometricTransformation(12, false, -8, 0, 0));
        set.All[36].Should().Be(new GeometricTransformation(36, true, 0, 0, 0));
        set.All[71].Should().Be(new GeometricTransformation(71, true, 8, 8, 3));
        set.All.Select(t => (t.Flip, t.ShiftX, t.ShiftY, t.Rotations)).Distinct().Should().HaveCount(72);
        set.All.Select((t, i) => t.Index == i).Should().AllBeEquivalentTo(true);
    }

    [Theory]
    [InlineData(8, 2)]
    [InlineData(32, 8)]
    public void Every_transformation_equals_the_step_by_step_reference_and_the_72_images_are_distinct(int n, int shift)
    {
        var set = new GeometricTransformations(n, shift);
        var image = RandomImage(3, n, seed: n);
        using var input = tensor(image, [1, 3 * n * n]);
        using var all = set.ApplyAll(input);
        all.shape.Should().Equal(72, 3 * n * n);
        var outputs = Enumerable.Range(0, 72).Select(t => all[t].data<float>().ToArray()).ToList();
        foreach (var t in set.All)
            outputs[t.Index].Should().Equal(Reference(image, 3, n, t), $"transformation {t}");
        outputs[0].Should().Equal(image, "transformation 0 is the identity");
        var distinct = outputs.Select(o => string.Join(",", o)).Distinct().Count();
        distinct.Should().Be(72, "a generic image has 72 different transformed versions");
    }

    [Fact]
    public void Rotations_and_flips_agree_with_torch_rot90_and_flip()
    {
        int n = 8;
        var set = new GeometricTransformations(n, 2);
        var image = RandomImage(3, n, seed: 3);
        using var x = tensor(image, [1, 3, n, n]);
        for (int k = 0; k < 4; k++)
        {
            using var ours = set.Apply(x, tensor(new long[] { k }));
            using var expected = x.rot90(k, (2, 3)).reshape(1, -1);
            ours.data<float>().ToArray().Should().Equal(expected.data<float>().ToArray(), $"{k} quarter turns");
            using var oursFlipped = set.Apply(x, tensor(new long[] { 36 + k }));
            using var expectedFlipped = x.flip(3).rot90(k, (2, 3)).reshape(1, -1);
            oursFlipped.data<float>().ToArray().Should().Equal(expectedFlipped.data<float>().ToArray(), $"flip then {k} quarter turns");
        }
    }

    [Fact]
    public void A_shift_fills_the_uncovered_border_by_reflection_including_the_edge_pixel()
    {
        // One 4×4 channel whose row r is [10r + 0, 10r + 1, 10r + 2, 10r + 3]; x-shift +2, y-shift 0, no flip or rotation (index 24).
        var set = new GeometricTransformations(4, 2);
        set.All[24].Should().Be(new GeometricTransformation(24, false, 2, 0, 0));
        var image = Enumerable.Range(0, 16).Select(i => (float)(10 * (i / 4) + i % 4)).ToArray();
        using var shifted = set.Apply(tensor(image, [1, 16]), tensor(new long[] { 24 }));
        var row0 = shifted.data<float>().ToArray()[..4];
        row0.Should().Equal([1f, 0f, 0f, 1f], "moving [a b c d] right by 2 with reflect filling gives [b a a b]");
        // y-shift −2 (index 4): rows move up; the bottom is filled with rows 3, 2.
        using var up = set.Apply(tensor(image, [1, 16]), tensor(new long[] { 4 }));
        up.data<float>().ToArray().Where((_, i) => i % 4 == 0).Should().Equal([20f, 30f, 30f, 20f]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 0)]
    [InlineData(8, 8)]
    public void Bad_sizes_and_shifts_are_refused(int size, int shift)
    {
        var act = () => new GeometricTransformations(size, shift);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
