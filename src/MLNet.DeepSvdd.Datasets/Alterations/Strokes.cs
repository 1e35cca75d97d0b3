namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// The paper's second alteration (section V-A, "Strokes M"): a random number of random strokes of thickness M drawn over the image in one
/// random colour per image. Larger M hides more of the natural image.
/// </summary>
/// <remarks>
/// <para>Sampling rule, in the order the numbers are drawn from the <see cref="Random"/> (x = column, y = row, pixel (x, y) has its centre at
/// the integer point (x, y), S = min(height, width)):</para>
/// <list type="number">
/// <item>The colour: one value per channel, <c>random.Next(256)</c>, channel 0 first (red, green, blue for RGB).</item>
/// <item>The number of strokes K: <c>random.Next(<see cref="MinStrokes"/>, <see cref="MaxStrokes"/> + 1)</c>, i.e. 5 to 10.</item>
/// <item>For each stroke, a random-walk polyline:
///   its start x = <c>NextDouble()</c>·(width − 1), y = <c>NextDouble()</c>·(height − 1) (uniform over the image);
///   its number of segments <c>random.Next(<see cref="MinSegments"/>, <see cref="MaxSegments"/> + 1)</c>, i.e. 2 to 8;
///   its initial direction θ = 2π·<c>NextDouble()</c>; then for each segment, except before the first, a turn
///   θ += (2·<c>NextDouble()</c> − 1)·<see cref="MaxTurn"/> (±45°), and a length
///   ℓ = (<see cref="MinStepFraction"/> + (<see cref="MaxStepFraction"/> − <see cref="MinStepFraction"/>)·<c>NextDouble()</c>)·S
///   (5–10 % of the image side: 1.6–3.2 pixels on CIFAR-10, so a stroke is 3–26 pixels long); the next vertex is the current one moved
///   by ℓ in direction θ and clipped to [0, width − 1] × [0, height − 1] (a stroke that reaches the border slides along it).</item>
/// <item>Drawing, without anti-aliasing: every pixel whose centre is within M / 2 of some segment (distance to the closed segment ≤ M / 2)
///   takes the colour in all channels. Thickness 1 gives one-pixel lines without gaps (every column, or row, a segment crosses has a
///   pixel within 1/2 of it).</item>
/// </list>
/// <para>Every changed pixel therefore has the stroke colour; a painted pixel that already had it does not change. See
/// <see cref="MaxChangedPixels"/> for the bound on how many change.</para>
/// <para>Ground-truth mask (<see cref="ImageAlteration.ApplyWithMask(ReadOnlySpan{float}, int, int, int, int)"/>): the painted pixels of
/// step 4, including those that already had the stroke colour (they are where the stroke is); so every changed pixel is in the mask.</para>
/// </remarks>
public sealed class Strokes : ImageAlteration
{
    /// <summary>Fewest strokes per image.</summary>
    public const int MinStrokes = 5;

    /// <summary>Most strokes per image.</summary>
    public const int MaxStrokes = 10;

    /// <summary>Fewest segments per stroke.</summary>
    public const int MinSegments = 2;

    /// <summary>Most segments per stroke.</summary>
    public const int MaxSegments = 8;

    /// <summary>Shortest segment, as a fraction of the image's shorter side.</summary>
    public const double MinStepFraction = 0.05;

    /// <summary>Longest segment, as a fraction of the image's shorter side.</summary>
    public const double MaxStepFraction = 0.10;

    /// <summary>Largest change of direction between two segments of a stroke, in radians (45°).</summary>
    public const double MaxTurn = Math.PI / 4;

    /// <summary>Creates strokes of thickness M.</summary>
    /// <param name="thickness">M, the stroke width in pixels, at least 1 (the paper uses 1 on CIFAR-10, 5 and 9 on 224 × 224 images).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="thickness"/> is less than 1.</exception>
    public Strokes(int thickness)
    {
        if (thickness < 1) throw new ArgumentOutOfRangeException(nameof(thickness), thickness, "Stroke thickness M must be at least 1 pixel.");
        Thickness = thickness;
    }

    /// <summary>M: the stroke width in pixels.</summary>
    public int Thickness { get; }

    /// <inheritdoc />
    public override string Name => $"Strokes {Thickness}";

    /// <summary>
    /// An upper bound on the number of pixels the strokes change in an image of this size:
    /// <see cref="MaxStrokes"/> · <see cref="MaxSegments"/> · (⌊M·√2⌋ + 1) · (⌊<see cref="MaxStepFraction"/>·S + M⌋ + 1), at most
    /// height · width. Why: take a segment of length ℓ that runs at most 45° from the horizontal (else swap rows and columns). The pixels
    /// within M/2 of it lie in the columns from its leftmost x − M/2 to its rightmost x + M/2, at most ⌊ℓ + M⌋ + 1 columns, and in each
    /// column within a vertical interval of length at most M / cos 45° = M·√2, at most ⌊M·√2⌋ + 1 pixels.
    /// For CIFAR-10 (32 × 32) and M = 1 the bound is 800 of 1024 pixels; typical images change about a tenth of that.
    /// </summary>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <returns>The bound.</returns>
    public long MaxChangedPixels(int height, int width)
    {
        CheckShape(1, height, width);
        long perSegment = ((long)Math.Floor(Thickness * Math.Sqrt(2)) + 1) *
                          ((long)Math.Floor(MaxStepFraction * Math.Min(height, width) + Thickness) + 1);
        return Math.Min((long)height * width, MaxStrokes * MaxSegments * perSegment);
    }

    /// <inheritdoc />
    protected override void Alter(ReadOnlySpan<float> image, Span<float> destination, int channels, int height, int width, Random random) =>
        Paint(image, destination, [], channels, height, width, random);

    /// <summary>
    /// Paints the strokes and marks the <em>stroke pixels</em>: every pixel the rasterization paints (centre within M / 2 of a segment),
    /// including one that already had the stroke colour and so did not change value. The mask is where the strokes are, whatever was
    /// under them; a detector that points at such a pixel points at the stroke.
    /// </summary>
    /// <inheritdoc />
    protected override void Alter(ReadOnlySpan<float> image, Span<float> destination, Span<bool> mask, int channels, int height, int width, Random random) =>
        Paint(image, destination, mask, channels, height, width, random);

    /// <summary>The alteration; <paramref name="mask"/> empty when no mask is wanted, else height · width values that receive the stroke pixels.</summary>
    private void Paint(ReadOnlySpan<float> image, Span<float> destination, Span<bool> mask, int channels, int height, int width, Random random)
    {
        var drawing = Draw(random, channels, height, width);
        image.CopyTo(destination);
        var painted = Rasterize(drawing.Polylines, Thickness, height, width);
        int plane = height * width;
        for (int p = 0; p < plane; p++)
        {
            if (!painted[p]) continue;
            for (int c = 0; c < channels; c++) destination[c * plane + p] = drawing.Colour[c];
        }
        if (!mask.IsEmpty) painted.CopyTo(mask);
    }

    /// <summary>The random part of the alteration: the colour and the polylines, drawn in the documented order.</summary>
    internal static StrokeDrawing Draw(Random random, int channels, int height, int width)
    {
        var colour = new float[channels];
        for (int c = 0; c < channels; c++) colour[c] = random.Next(256);
        int strokes = random.Next(MinStrokes, MaxStrokes + 1);
        double side = Math.Min(height, width), maxX = width - 1, maxY = height - 1;
        var polylines = new List<StrokeDrawing.Point[]>(strokes);
        for (int k = 0; k < strokes; k++)
        {
            double x = random.NextDouble() * maxX, y = random.NextDouble() * maxY;
            int segments = random.Next(MinSegments, MaxSegments + 1);
            double direction = 2 * Math.PI * random.NextDouble();
            var points = new StrokeDrawing.Point[segments + 1];
            points[0] = new(x, y);
            for (int s = 1; s <= segments; s++)
            {
                if (s > 1) direction += (2 * random.NextDouble() - 1) * MaxTurn;
                double length = (MinStepFraction + (MaxStepFraction - MinStepFraction) * random.NextDouble()) * side;
                x = Math.Clamp(x + length * Math.Cos(direction), 0, maxX);
                y = Math.Clamp(y + length * Math.Sin(direction), 0, maxY);
                points[s] = new(x, y);
            }
            polylines.Add(points);
        }
        return new StrokeDrawing(colour, polylines);
    }

    /// <summary>The pixels (row-major, height × width) whose centre is within <paramref name="thickness"/> / 2 of a segment.</summary>
    internal static bool[] Rasterize(IEnumerable<StrokeDrawing.Point[]> polylines, int thickness, int height, int width)
    {
        var painted = new bool[height * width];
        double radius = thickness / 2.0, radiusSquared = radius * radius;
        foreach (var points in polylines)
        {
            for (int s = 1; s < points.Length; s++)
            {
                var (a, b) = (points[s - 1], points[s]);
                int left = Math.Max(0, (int)Math.Ceiling(Math.Min(a.X, b.X) - radius));
                int right = Math.Min(width - 1, (int)Math.Floor(Math.Max(a.X, b.X) + radius));
                int top = Math.Max(0, (int)Math.Ceiling(Math.Min(a.Y, b.Y) - radius));
                int bottom = Math.Min(height - 1, (int)Math.Floor(Math.Max(a.Y, b.Y) + radius));
                for (int y = top; y <= bottom; y++)
                {
                    for (int x = left; x <= right; x++)
                    {
                        if (StrokeDrawing.DistanceSquared(x, y, a, b) <= radiusSquared) painted[y * width + x] = true;
                    }
                }
            }
        }
        return painted;
    }
}
