using MLNet.DeepSvdd.Datasets.Alterations;
using MLNet.DeepSvdd.Shared.Statistics;

namespace MLNet.DeepSvdd.Tests.Datasets;

/// <summary>The CutPaste scar on synthetic images (no CIFAR-10).</summary>
public class CutPasteScarTests
{
    private const int C = 3, H = 32, W = 32, Plane = H * W;

    [Fact]
    public void The_mask_is_one_thin_rotated_rectangle_moved_as_a_whole_by_whole_pixels_and_nothing_else_changes()
    {
        // Channel 0 holds each pixel's column, channel 1 its row: the pasted pixels tell where they were cut.
        var coordinates = new float[C * Plane];
        for (int p = 0; p < Plane; p++) (coordinates[p], coordinates[Plane + p], coordinates[2 * Plane + p]) = (p % W, p / W, 7);
        var scar = new CutPasteScar { ColourJitter = 0 };
        for (int seed = 0; seed < 300; seed++)
        {
            var altered = scar.ApplyWithMask(coordinates, C, H, W, seed);
            var inside = Enumerable.Range(0, Plane).Where(p => altered.Mask[p]).ToList();
            inside.Should().NotBeEmpty($"seed {seed}");
            var shifts = inside.Select(p => (altered.Pixels[p] - p % W, altered.Pixels[Plane + p] - p / W)).Distinct().ToList();
            shifts.Should().ContainSingle($"seed {seed}: the scar moves as a whole").Which.Should().NotBe((0f, 0f));
            var labels = new int[Plane];
            ConnectedRegions.Label(altered.Mask, H, W, labels).Should().Be(1, $"seed {seed}: a scar is one 8-connected piece");

            // The test's own geometry: the drawn rectangle's pixel centres, moved by the offset and kept inside the image.
            var d = scar.Draw(new Random(seed), C, H, W);
            d.Thickness.Should().BeOneOf(1, 2);
            d.Length.Should().BeInRange(8, 16);
            Math.Abs(d.Angle).Should().BeLessThanOrEqualTo(Math.PI / 4);
            for (int p = 0; p < Plane; p++)
            {
                double x = p % W - d.OffsetX - d.CentreX, y = p / W - d.OffsetY - d.CentreY;
                double along = x * Math.Cos(d.Angle) + y * Math.Sin(d.Angle), across = y * Math.Cos(d.Angle) - x * Math.Sin(d.Angle);
                // Pixels within 1e-9 of the rectangle's edge are left out: there the library's and this test's rounding may differ.
                if (Math.Abs(along) < d.Length / 2 - 1e-9 && Math.Abs(across) < d.Thickness / 2 - 1e-9) altered.Mask[p].Should().BeTrue($"seed {seed}, pixel {p}");
                else if (Math.Abs(along) > d.Length / 2 + 1e-9 || Math.Abs(across) > d.Thickness / 2 + 1e-9) altered.Mask[p].Should().BeFalse($"seed {seed}, pixel {p}");
                if (!altered.Mask[p])
                {
                    for (int c = 0; c < C; c++) altered.Pixels[c * Plane + p].Should().Be(coordinates[c * Plane + p], $"seed {seed}: outside the scar nothing changes");
                }
            }
        }
    }

    [Fact]
    public void Rejects_images_smaller_than_8_pixels_and_names_itself()
    {
        var scar = new CutPasteScar();
        scar.Name.Should().Be("CutPaste scar");
        scar.ColourJitter.Should().Be(0.1);
        var small = () => scar.Apply(new float[7 * 40], 1, 7, 40, seed: 1);
        small.Should().Throw<ArgumentException>().WithMessage("*at least 8 × 8 pixels*7 × 40*");
        var jitter = () => new CutPasteScar { ColourJitter = -0.1 };
        jitter.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least 0 and below 1*");
    }
}
