using MLNet.DeepSvdd.Shared.Statistics;
using static MLNet.DeepSvdd.Tests.Localization.LocalizationCase;

namespace MLNet.DeepSvdd.Tests.Localization;

public class PerRegionOverlapTests
{
    [Fact]
    public void Eight_connected_regions_join_diagonal_neighbours_and_are_numbered_in_row_major_order()
    {
        // 0 1 0 0 1
        // 1 0 0 0 1
        // 0 0 0 0 0
        // 1 1 0 1 0   (1,0)/(0,1) touch diagonally: one region; (4,0)-(4,1) a second; (0,3)-(1,3) a third; (3,3) alone a fourth.
        bool[] mask = [false, true, false, false, true, true, false, false, false, true, false, false, false, false, false, true, true, false, true, false];
        var labels = new int[20];
        ConnectedRegions.Label(mask, 4, 5, labels).Should().Be(4);
        labels.Should().Equal([0, 1, 0, 0, 2, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 3, 3, 0, 4, 0]);
    }

    [Fact]
    public void Pixel_auc_and_the_pro_curve_match_the_hand_computed_case_with_a_threshold_between_points()
    {
        var pixels = Pixels(r2b: .2f);
        (pixels.ImageCount, pixels.DefectiveImageCount, pixels.PixelCount, pixels.DefectivePixelCount, pixels.RegionCount)
            .Should().Be((2, 1, 32L, 4L, 2));
        pixels.PixelAreaUnderRocCurve().Should().BeApproximately(PixelAuc1, 1e-12);
        var curve = pixels.ProCurve();
        curve.FalsePositiveRates.Should().Equal([0, 0, 0, 1 / 28.0, 2 / 28.0, 3 / 28.0, 3 / 28.0, 1, 1], (a, b) => Math.Abs(a - b) < 1e-12);
        curve.Overlaps.Should().Equal([0, .25, .5, .5, .5, .75, 1, 1, 1], (a, b) => Math.Abs(a - b) < 1e-12);
        curve.NormalizedArea(0.3).Should().BeApproximately(AreaUnderPro1, 1e-12);

        // Stopped at the first point at or past FPR 0.3 (here (1, 1)), the curve gives the same area; stopped earlier, it refuses a limit
        // beyond its end.
        pixels.ProCurve(stopAtFalsePositiveRate: 0.3).NormalizedArea(0.3).Should().BeApproximately(AreaUnderPro1, 1e-12);
        var stopped = pixels.ProCurve(stopAtFalsePositiveRate: 0.05);
        stopped.FalsePositiveRates.Should().Equal([0, 0, 0, 1 / 28.0, 2 / 28.0], (a, b) => Math.Abs(a - b) < 1e-12, "2/28 is the first at or past 0.05");
        var beyond = () => stopped.NormalizedArea(0.3);
        beyond.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*reaches 0.0714*");
    }

    [Fact]
    public void The_last_segment_is_cut_at_the_limit_with_the_overlap_interpolated_linearly()
    {
        var pixels = Pixels(r2b: .1f);
        pixels.PixelAreaUnderRocCurve().Should().BeApproximately(PixelAuc2, 1e-12);
        pixels.ProCurve().NormalizedArea(0.3).Should().BeApproximately(AreaUnderPro2, 1e-12);
        // Up to FPR 1 the area is the whole curve: 1.625/28 + (1 − 3/28) · (.75 + 1) / 2 = (1.625 + 21.875) / 28.
        pixels.ProCurve().NormalizedArea(1).Should().BeApproximately(23.5 / 28, 1e-12);
    }

    [Fact]
    public void Needs_a_region_and_a_normal_pixel_and_a_limit_in_the_unit_interval()
    {
        var none = new LocalizationPixels();
        none.Add(MapB, new bool[16], Height, Width);
        var noRegion = () => none.ProCurve();
        noRegion.Should().Throw<ArgumentException>().WithMessage("*at least one defect region*");

        var all = new LocalizationPixels();
        all.Add(MapB, Enumerable.Repeat(true, 16).ToArray(), Height, Width);
        var noNormal = () => all.ProCurve();
        noNormal.Should().Throw<ArgumentException>().WithMessage("*needs normal pixels*");

        var zero = () => Pixels(.2f).ProCurve().NormalizedArea(0);
        zero.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*(0, 1]*");
        var wrongSize = () => new LocalizationPixels().Add([0, 0, 0], new bool[4], 2, 2);
        wrongSize.Should().Throw<ArgumentException>().WithMessage("*3 values; 2 × 2 needs 4*");
    }

    private static LocalizationPixels Pixels(float r2b)
    {
        var pixels = new LocalizationPixels();
        pixels.Add(MapA(r2b), MaskA.Select(v => v > 0.5f).ToArray(), Height, Width);
        pixels.Add(MapB, MaskB.Select(v => v > 0.5f).ToArray(), Height, Width);
        return pixels;
    }
}
