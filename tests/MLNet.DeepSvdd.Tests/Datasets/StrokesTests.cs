using MLNet.DeepSvdd.Datasets.Alterations;
using static MLNet.DeepSvdd.Tests.Datasets.AlterationImages;
using Point = MLNet.DeepSvdd.Datasets.Alterations.StrokeDrawing.Point;

namespace MLNet.DeepSvdd.Tests.Datasets;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class StrokesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Changes_a_bounded_nonempty_area_in_one_colour(int thickness)
    {
        var strokes = new Strokes(thickness);
        // The bound (see Strokes.MaxChangedPixels): at most 10 strokes of 8 segments, each segment at most 3.2 px long, touching at most
        // floor(3.2 + M) + 1 columns (or rows) with at most floor(M·√2) + 1 pixels in each.
        long bound = Math.Min(Plane, 10 * 8 * ((long)Math.Floor(thickness * Math.Sqrt(2)) + 1) * ((long)Math.Floor(3.2 + thickness) + 1));
        strokes.MaxChangedPixels(Height, Width).Should().Be(bound);
        if (thickness == 1) bound.Should().Be(800);

        var counts = new List<int>();
        foreach (var (image, i) in First(100).Select((image, i) => (image, i)))
        {
            var altered = strokes.Apply(image, Channels, Height, Width, seed: i);
            var changed = ChangedPixels(image, altered);
            changed.Should().NotBeEmpty($"image {i} gets 5 to 10 strokes");
            changed.Count.Should().BeLessThanOrEqualTo((int)bound);
            changed.Select(p => Rgb(altered, p)).Distinct().Should().ContainSingle("one colour per image");
            counts.Add(changed.Count);
        }
        if (thickness == 1) counts.Average().Should().BeInRange(40, 200, "thin strokes cover roughly a tenth of a 32 × 32 image");
        else counts.Average().Should().BeGreaterThan(2 * 100, "thickness 3 covers much more");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Paints_exactly_the_pixels_whose_centre_is_within_half_the_thickness_of_a_drawn_segment(int thickness)
    {
        var strokes = new Strokes(thickness);
        foreach (var (image, i) in First(30).Select((image, i) => (image, i)))
        {
            var drawing = Strokes.Draw(new Random(i), Channels, Height, Width);
            var altered = strokes.Apply(image, Channels, Height, Width, seed: i);
            var segments = drawing.Polylines.SelectMany(points => points.Zip(points.Skip(1))).ToList();
            double limit = thickness / 2.0;
            for (int p = 0; p < Plane; p++)
            {
                double x = p % Width, y = p / Width;
                // Pixels within 1e-9 of the boundary are left out: there the library's and this test's rounding may differ.
                var distances = segments.Select(s => DistanceToSegment(x, y, s.First, s.Second)).ToList();
                if (distances.Any(d => d <= limit - 1e-9))
                    Rgb(altered, p).Should().Be((drawing.Colour[0], drawing.Colour[1], drawing.Colour[2]), $"image {i}, pixel ({x}, {y}) is on a stroke");
                else if (distances.All(d => d > limit + 1e-9))
                    Rgb(altered, p).Should().Be(Rgb(image, p), $"image {i}, pixel ({x}, {y}) is off every stroke");
            }
        }
    }

    [Fact]
    public void Samples_5_to_10_strokes_of_2_to_8_segments_of_5_to_10_percent_of_the_side_turning_at_most_45_degrees()
    {
        var strokeCounts = new HashSet<int>();
        var segmentCounts = new HashSet<int>();
        for (int seed = 0; seed < 300; seed++)
        {
            var drawing = Strokes.Draw(new Random(seed), 3, 64, 48);
            drawing.Colour.Should().OnlyContain(v => v >= 0 && v <= 255 && v == MathF.Floor(v));
            strokeCounts.Add(drawing.Polylines.Count);
            foreach (var points in drawing.Polylines)
            {
                segmentCounts.Add(points.Length - 1);
                points.Should().OnlyContain(q => q.X >= 0 && q.X <= 47 && q.Y >= 0 && q.Y <= 63, "vertices are clipped to the image");
                foreach (var (a, b) in points.Zip(points.Skip(1)))
                {
                    double length = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
                    length.Should().BeLessThanOrEqualTo(0.10 * 48 + 1e-9, "a step is at most 10% of the shorter side (clipping only shortens it)");
                }
                var unclipped = points.All(q => q.X > 0 && q.X < 47 && q.Y > 0 && q.Y < 63);
                if (!unclipped) continue;
                for (int s = 1; s < points.Length; s++)
                {
                    var (a, b) = (points[s - 1], points[s]);
                    double length = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
                    length.Should().BeGreaterThanOrEqualTo(0.05 * 48 - 1e-9, "an unclipped step is at least 5% of the shorter side");
                    if (s < 2) continue;
                    var o = points[s - 2];
                    double turn = Math.Abs(Math.IEEERemainder(Math.Atan2(b.Y - a.Y, b.X - a.X) - Math.Atan2(a.Y - o.Y, a.X - o.X), 2 * Math.PI));
                    turn.Should().BeLessThanOrEqualTo(Math.PI / 4 + 1e-9);
                }
            }
        }
        strokeCounts.Should().BeEquivalentTo(Enumerable.Range(5, 6));
        segmentCounts.Should().BeEquivalentTo(Enumerable.Range(2, 7));
    }

    [Fact]
    public void Same_seed_gives_the_same_image_and_different_seeds_different_ones()
    {
        var image = First(1)[0];
        var strokes = new Strokes(1);
        strokes.Apply(image, Channels, Height, Width, seed: 3).Should().Equal(strokes.Apply(image, Channels, Height, Width, seed: 3));
        strokes.Apply(image, Channels, Height, Width, new Random(3)).Should().Equal(strokes.Apply(image, Channels, Height, Width, seed: 3));
        var outputs = Enumerable.Range(0, 10).Select(seed => strokes.Apply(image, Channels, Height, Width, seed)).ToList();
        outputs.Select(o => string.Join(",", o)).Distinct().Should().HaveCount(10);
    }

    [Fact]
    public void Works_on_grey_and_non_square_images_and_rejects_a_thickness_below_one()
    {
        var grey = Enumerable.Range(0, 20 * 50).Select(i => (float)(i % 256)).ToArray();
        var altered = new Strokes(2).Apply(grey, 1, 20, 50, seed: 4);
        var changed = Enumerable.Range(0, grey.Length).Where(p => grey[p] != altered[p]).ToList();
        changed.Should().NotBeEmpty();
        changed.Select(p => altered[p]).Distinct().Should().ContainSingle();

        var act = () => new Strokes(0);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least 1 pixel*");
        var overlap = () => new Strokes(1).Apply(grey, grey, 1, 20, 50, new Random(1));
        overlap.Should().Throw<ArgumentException>().WithMessage("*overlaps*");
    }

    /// <summary>The test's own point-to-segment distance, independent of the library's.</summary>
    internal static double DistanceToSegment(double x, double y, Point a, Point b)
    {
        double vx = b.X - a.X, vy = b.Y - a.Y, wx = x - a.X, wy = y - a.Y;
        double along = vx * wx + vy * wy, squared = vx * vx + vy * vy;
        if (along <= 0 || squared == 0) return Math.Sqrt(wx * wx + wy * wy);
        if (along >= squared) return Math.Sqrt((x - b.X) * (x - b.X) + (y - b.Y) * (y - b.Y));
        return Math.Abs(vx * wy - vy * wx) / Math.Sqrt(squared);
    }
}
