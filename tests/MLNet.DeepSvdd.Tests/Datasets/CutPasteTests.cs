using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Tests.Datasets;

/// <summary>CutPaste on synthetic images (no CIFAR-10).</summary>
public class CutPasteTests
{
    private const int C = 3, H = 32, W = 32, Plane = H * W;

    [Fact]
    public void Without_jitter_the_mask_is_one_rectangle_that_holds_an_exact_copy_of_another_place_and_nothing_else_changes()
    {
        // Channel 0 holds each pixel's column, channel 1 its row, channel 2 a constant: the pasted pixels tell where they were cut.
        var coordinates = new float[C * Plane];
        for (int p = 0; p < Plane; p++) (coordinates[p], coordinates[Plane + p], coordinates[2 * Plane + p]) = (p % W, p / W, 7);
        var cutPaste = new CutPaste { ColourJitter = 0 };
        for (int seed = 0; seed < 200; seed++)
        {
            var altered = cutPaste.ApplyWithMask(coordinates, C, H, W, seed);
            var inside = Enumerable.Range(0, Plane).Where(p => altered.Mask[p]).ToList();
            int left = inside.Min(p => p % W), right = inside.Max(p => p % W), top = inside.Min(p => p / W), bottom = inside.Max(p => p / W);
            int width = right - left + 1, height = bottom - top + 1;
            inside.Should().HaveCount(width * height, $"seed {seed}: the mask is a filled rectangle");
            // Area 2–15 % of 1024 = 20.5–153.6 pixels before rounding each side (w, h ≤ 31); rounding moves each side by at most ½.
            double area = 0.02 * Plane, aspect = 0.3;
            (width * height).Should().BeInRange(
                (int)Math.Floor((Math.Sqrt(area * aspect) - 0.5) * (Math.Sqrt(area / aspect) - 0.5)),
                (int)Math.Ceiling((Math.Sqrt(0.15 * Plane / aspect) + 0.5) * (Math.Sqrt(0.15 * Plane * aspect) + 0.5)));
            var shifts = inside.Select(p => (altered.Pixels[p] - p % W, altered.Pixels[Plane + p] - p / W)).Distinct().ToList();
            shifts.Should().ContainSingle($"seed {seed}: the patch is one rectangle moved as a whole");
            shifts[0].Should().NotBe((0f, 0f), "the patch is pasted somewhere else");
            inside.Select(p => altered.Pixels[2 * Plane + p]).Should().OnlyContain(v => v == 7);
            for (int p = 0; p < Plane; p++)
            {
                if (altered.Mask[p]) continue;
                for (int c = 0; c < C; c++) altered.Pixels[c * Plane + p].Should().Be(coordinates[c * Plane + p], $"seed {seed}: outside the patch nothing changes");
            }
        }
    }

    [Fact]
    public void The_jitter_multiplies_each_channel_of_the_patch_by_one_factor_within_ten_percent_rounded_and_clamped()
    {
        // A constant image of 100 in channel 0, 200 in channel 1, 250 in channel 2: the patch shows the factors directly.
        var flat = Enumerable.Range(0, C * Plane).Select(i => (float)(i / Plane == 0 ? 100 : i / Plane == 1 ? 200 : 250)).ToArray();
        var cutPaste = new CutPaste();
        cutPaste.ColourJitter.Should().Be(0.1);
        int changedPatches = 0;
        for (int seed = 0; seed < 100; seed++)
        {
            var altered = cutPaste.ApplyWithMask(flat, C, H, W, seed);
            var inside = Enumerable.Range(0, Plane).Where(p => altered.Mask[p]).ToList();
            var channel0 = inside.Select(p => altered.Pixels[p]).Distinct().Should().ContainSingle().Subject;
            var channel1 = inside.Select(p => altered.Pixels[Plane + p]).Distinct().Should().ContainSingle().Subject;
            var channel2 = inside.Select(p => altered.Pixels[2 * Plane + p]).Distinct().Should().ContainSingle().Subject;
            channel0.Should().BeInRange(90, 110);
            channel1.Should().BeInRange(180, 220);
            channel2.Should().BeInRange(225, 255, "values are clamped to 255");
            new[] { channel0, channel1, channel2 }.Should().OnlyContain(v => v == MathF.Round(v), "integer images stay integer");
            if (channel0 != 100) changedPatches++;
        }
        changedPatches.Should().BeGreaterThan(80, "a factor of exactly 1 ± 0.5 % is rare");
    }

    [Fact]
    public void Is_deterministic_in_its_seed_and_rejects_images_too_small_to_move_a_patch_and_a_jitter_outside_0_to_1()
    {
        var image = AlterationMaskTests.Noise(3);
        var cutPaste = new CutPaste();
        cutPaste.Name.Should().Be("CutPaste");
        cutPaste.Apply(image, C, H, W, seed: 4).Should().Equal(cutPaste.Apply(image, C, H, W, seed: 4));
        Enumerable.Range(0, 10).Select(seed => string.Join(",", cutPaste.Apply(image, C, H, W, seed))).Distinct().Should().HaveCount(10);

        var thin = () => cutPaste.Apply(new float[5], 1, 1, 5, seed: 1);
        thin.Should().Throw<ArgumentException>().WithMessage("*at least 2 × 2 pixels*1 × 5*");
        var jitter = () => new CutPaste { ColourJitter = 1 };
        jitter.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least 0 and below 1*");
        new CutPaste().ApplyWithMask(new float[2 * 2], 1, 2, 2, seed: 9).Mask.Count(m => m).Should()
            .Be(1, "on 2 × 2 pixels the patch is clamped to 1 × 1, so that it can move");
    }
}
