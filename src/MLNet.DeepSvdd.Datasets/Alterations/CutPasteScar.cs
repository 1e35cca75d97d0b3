namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// The "scar" variant of CutPaste (Li, Sohn, Yoon, Pfister, CVPR 2021): a long, thin rectangle, rotated by up to ±45°, is cut from the image,
/// its colours jittered, and pasted at another random place: a scratch-like local defect made of the image's own content.
/// </summary>
/// <remarks>
/// <para>Li et al. size the scar for 256-pixel MVTec AD images (2–16 pixels wide, 10–25 long); at CIFAR-10's 32 pixels that would be a
/// dot, so this keeps its shape and scales it with the image's shorter side S: thickness t = max(1, round(S·f)) with f uniform in
/// [<see cref="MinThicknessFraction"/>, <see cref="MaxThicknessFraction"/>] (1–2 pixels on 32 × 32, 7–14 on 224 × 224) and length
/// ℓ = S·g with g uniform in [<see cref="MinLengthFraction"/>, <see cref="MaxLengthFraction"/>] (8–16 pixels on 32 × 32).</para>
/// <para>Sampling rule, in the order the numbers are drawn from the <see cref="Random"/> (x = column, y = row, pixel (x, y) has its centre at
/// the integer point (x, y)):</para>
/// <list type="number">
/// <item>f = <see cref="MinThicknessFraction"/> + (<see cref="MaxThicknessFraction"/> − <see cref="MinThicknessFraction"/>)·<c>NextDouble()</c>,
///   then t as above (midpoint rounding away from zero).</item>
/// <item>g = <see cref="MinLengthFraction"/> + (<see cref="MaxLengthFraction"/> − <see cref="MinLengthFraction"/>)·<c>NextDouble()</c>, ℓ = S·g.</item>
/// <item>The angle of the long side to the x axis, θ = (2·<c>NextDouble()</c> − 1)·<see cref="MaxRotation"/> (±45°).</item>
/// <item>The source centre: cx = hx + <c>NextDouble()</c>·(width − 1 − 2·hx), cy = hy + <c>NextDouble()</c>·(height − 1 − 2·hy), where
///   hx = (ℓ/2)·|cos θ| + (t/2)·|sin θ| and hy = (ℓ/2)·|sin θ| + (t/2)·|cos θ| are the rotated rectangle's half extents, each capped at
///   half the image (then the centre is the image's centre on that axis).</item>
/// <item>The destination centre, drawn the same way; the paste moves the scar by the offset (round(dx − cx), round(dy − cy)) in whole
///   pixels (midpoint rounding away from zero), and the destination is drawn again while that offset is (0, 0).</item>
/// <item>The colour jitter, as <see cref="CutPaste"/>: one factor per channel, 1 ± <see cref="ColourJitter"/>.</item>
/// </list>
/// <para>The scar's pixels are those whose centre lies in the rotated rectangle (|u| ≤ ℓ/2 along the long side and |v| ≤ t/2 across it,
/// measured from the centre) moved by the offset and inside the image; each takes the jittered value of the pixel the offset brought it
/// from (copied from the original image). Ground-truth mask: exactly those pixels, whether or not their value changed.</para>
/// </remarks>
public sealed class CutPasteScar : ImageAlteration
{
    /// <summary>Thinnest scar, as a fraction of the shorter side (1/32); never below 1 pixel.</summary>
    public const double MinThicknessFraction = 1.0 / 32;

    /// <summary>Thickest scar, as a fraction of the shorter side (1/16).</summary>
    public const double MaxThicknessFraction = 1.0 / 16;

    /// <summary>Shortest scar, as a fraction of the shorter side.</summary>
    public const double MinLengthFraction = 0.25;

    /// <summary>Longest scar, as a fraction of the shorter side.</summary>
    public const double MaxLengthFraction = 0.5;

    /// <summary>Largest rotation of the scar from the horizontal, in radians (45°, Li et al.'s range).</summary>
    public const double MaxRotation = Math.PI / 4;

    /// <summary>The smallest image side the scar handles: 8 pixels.</summary>
    public const int MinSide = 8;

    /// <summary>
    /// The largest relative change of a channel of the pasted scar (each channel times a factor from 1 ± ColourJitter). Default 0.1, as
    /// <see cref="CutPaste.ColourJitter"/>; 0 pastes it unchanged. At least 0, below 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [0, 1).</exception>
    public double ColourJitter
    {
        get => colourJitter;
        init => colourJitter = value is >= 0 and < 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(ColourJitter), value, "CutPaste scar's colour jitter must be at least 0 and below 1.");
    }

    private readonly double colourJitter = 0.1;

    /// <inheritdoc />
    public override string Name => "CutPaste scar";

    /// <inheritdoc />
    protected override void CheckGeometry(int channels, int height, int width)
    {
        if (height < MinSide || width < MinSide)
        {
            throw new ArgumentException(
                $"{Name} needs an image of at least {MinSide} × {MinSide} pixels, so that a scar of a quarter of the side is at least 2 pixels " +
                $"long; the image is {height} × {width}.");
        }
    }

    /// <inheritdoc />
    protected override void Alter(ReadOnlySpan<float> image, Span<float> destination, int channels, int height, int width, Random random) =>
        Paste(image, destination, [], channels, height, width, random);

    /// <summary>Pastes the scar and marks its pixels (see the remarks).</summary>
    /// <inheritdoc />
    protected override void Alter(ReadOnlySpan<float> image, Span<float> destination, Span<bool> mask, int channels, int height, int width, Random random) =>
        Paste(image, destination, mask, channels, height, width, random);

    /// <summary>The random part of the alteration, drawn in the documented order.</summary>
    internal ScarDrawing Draw(Random random, int channels, int height, int width)
    {
        int side = Math.Min(height, width);
        double f = MinThicknessFraction + (MaxThicknessFraction - MinThicknessFraction) * random.NextDouble();
        double thickness = Math.Max(1, Math.Round(side * f, MidpointRounding.AwayFromZero));
        double length = side * (MinLengthFraction + (MaxLengthFraction - MinLengthFraction) * random.NextDouble());
        double angle = (2 * random.NextDouble() - 1) * MaxRotation;
        var (cos, sin) = (Math.Abs(Math.Cos(angle)), Math.Abs(Math.Sin(angle)));
        double halfX = Math.Min((width - 1) / 2.0, length / 2 * cos + thickness / 2 * sin);
        double halfY = Math.Min((height - 1) / 2.0, length / 2 * sin + thickness / 2 * cos);
        (double X, double Y) Centre() =>
            (halfX + random.NextDouble() * (width - 1 - 2 * halfX), halfY + random.NextDouble() * (height - 1 - 2 * halfY));
        var source = Centre();
        int offsetX, offsetY;
        do
        {
            var target = Centre();
            offsetX = (int)Math.Round(target.X - source.X, MidpointRounding.AwayFromZero);
            offsetY = (int)Math.Round(target.Y - source.Y, MidpointRounding.AwayFromZero);
        }
        while (offsetX == 0 && offsetY == 0);
        return new ScarDrawing(thickness, length, angle, source.X, source.Y, offsetX, offsetY, CutPaste.DrawGains(random, channels, ColourJitter));
    }

    /// <summary>The alteration; <paramref name="mask"/> empty when no mask is wanted, else height · width values that receive the scar.</summary>
    private void Paste(ReadOnlySpan<float> image, Span<float> destination, Span<bool> mask, int channels, int height, int width, Random random)
    {
        var scar = Draw(random, channels, height, width);
        image.CopyTo(destination);
        int plane = height * width;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int fromX = x - scar.OffsetX, fromY = y - scar.OffsetY;
                if (!scar.Covers(fromX, fromY) || fromX < 0 || fromX >= width || fromY < 0 || fromY >= height) continue;
                for (int c = 0; c < channels; c++)
                    destination[c * plane + y * width + x] = CutPaste.Jitter(image[c * plane + fromY * width + fromX], scar.Gains[c]);
                if (!mask.IsEmpty) mask[y * width + x] = true;
            }
        }
    }
}
