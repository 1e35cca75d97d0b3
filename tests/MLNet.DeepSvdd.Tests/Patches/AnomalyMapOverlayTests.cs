using MLNet.DeepSvdd.Datasets.Visualization;

namespace MLNet.DeepSvdd.Tests.Patches;

public class AnomalyMapOverlayTests
{
    [Theory]
    [InlineData(0f, 0f, 0f, 255f)]       // cold: blue
    [InlineData(0.25f, 0f, 255f, 255f)]  // cyan
    [InlineData(0.5f, 255f, 255f, 0f)]   // the threshold: yellow
    [InlineData(1f, 255f, 0f, 0f)]       // twice the threshold: red
    [InlineData(7f, 255f, 0f, 0f)]       // clamped
    [InlineData(float.PositiveInfinity, 255f, 0f, 0f)]
    public void The_heat_scale_runs_from_blue_through_yellow_at_the_threshold_to_red(float value, float r, float g, float b) =>
        AnomalyMapOverlay.Colour(value).Should().Be((r, g, b));

    [Fact]
    public void Heat_is_half_grey_image_half_colour_and_the_mask_outlines_pixels_above_one_half()
    {
        // A 1-channel 3×3 image of value 100; the map is 0 except the centre (0.9) and its right neighbour (0.6).
        var image = Enumerable.Repeat(100f, 9).ToArray();
        var map = new float[9];
        map[4] = 0.9f;
        map[5] = 0.6f;
        var heat = AnomalyMapOverlay.Heat(image, map, 1, 3, 3);
        // Pixel 0: map 0 → blue (0, 0, 255): 0.5·100 + 0.5·(0, 0, 255).
        (heat[0], heat[9], heat[18]).Should().Be((50f, 50f, 177.5f));
        var mask = AnomalyMapOverlay.Mask(image, map, 1, 3, 3);
        // Pixels 4 and 5 are in the mask and both on its border (each has a 4-neighbour outside it): pure red. Pixel 0 is untouched.
        (mask[4], mask[13], mask[22]).Should().Be((255f, 0f, 0f));
        (mask[5], mask[14], mask[23]).Should().Be((255f, 0f, 0f));
        (mask[0], mask[9], mask[18]).Should().Be((100f, 100f, 100f));
    }

    [Fact]
    public void Wrong_sizes_are_refused_naming_what_was_expected()
    {
        var act = () => AnomalyMapOverlay.Heat(new float[27], new float[8], 3, 3, 3);
        act.Should().Throw<ArgumentException>().WithMessage("The map has 8 values; a 3 × 3 image needs 9.*");
        var lists = () => AnomalyMapOverlay.Encode([new float[27]], [], 3, 3, 3);
        lists.Should().Throw<ArgumentException>().WithMessage("1 images but 0 maps*");
    }
}
