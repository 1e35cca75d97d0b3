namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// A local defect from the self-supervised defect-detection literature: <em>CutPaste</em> (Li, Sohn, Yoon, Pfister, CVPR 2021). A rectangle
/// is cut from the image, its colours are jittered a little, and it is pasted back at another random place. The defect is small (2–15 % of
/// the image) and made of the image's own content, so it keeps the image's statistics and breaks only its local structure: the kind of
/// anomaly a globally pooled score averages away.
/// </summary>
/// <remarks>
/// <para>Sampling rule, in the order the numbers are drawn from the <see cref="Random"/> (x = column, y = row, A = height · width):</para>
/// <list type="number">
/// <item>The area fraction a = <see cref="MinAreaFraction"/> + (<see cref="MaxAreaFraction"/> − <see cref="MinAreaFraction"/>)·<c>NextDouble()</c>
///   (2–15 % of the image, Li et al.'s range).</item>
/// <item>The aspect ratio r (width / height), log-uniform between <see cref="MinAspectRatio"/> and 1 / <see cref="MinAspectRatio"/>:
///   r = exp(ln(<see cref="MinAspectRatio"/>)·(1 − 2·<c>NextDouble()</c>)) (Li et al.'s 0.3 to 3.3).</item>
/// <item>The patch size: w = round(√(a·A·r)), h = round(√(a·A / r)) (midpoint rounding away from zero), each clamped to 1 … side − 1,
///   so the patch always fits and always has somewhere else to go.</item>
/// <item>The source corner: left = <c>random.Next(width − w + 1)</c>, top = <c>random.Next(height − h + 1)</c>.</item>
/// <item>The destination corner, drawn the same way (left first) and drawn again while it equals the source corner.</item>
/// <item>The colour jitter: one factor per channel, channel 0 first, f = 1 + <see cref="ColourJitter"/>·(2·<c>NextDouble()</c> − 1)
///   (no draws when <see cref="ColourJitter"/> is 0); a pasted value v becomes round(v·f) clamped to 0–255 (Li et al. jitter brightness,
///   contrast, saturation and hue by up to 0.1; a per-channel gain is the simplest jitter that shifts both brightness and hue).</item>
/// </list>
/// <para>The patch is copied from the original image (the source and destination rectangles may overlap); pixels outside the destination
/// rectangle are untouched. Integer images stay integer, so the protocols store the result as bytes exactly.</para>
/// <para>Ground-truth mask (<see cref="ImageAlteration.ApplyWithMask(ReadOnlySpan{float}, int, int, int, int)"/>): the destination rectangle,
/// all of it, including a pixel whose value happens not to change (the pasted patch is where the defect is).</para>
/// </remarks>
public sealed class CutPaste : ImageAlteration
{
    /// <summary>Smallest patch, as a fraction of the image's area (Li et al.: 0.02).</summary>
    public const double MinAreaFraction = 0.02;

    /// <summary>Largest patch, as a fraction of the image's area (Li et al.: 0.15).</summary>
    public const double MaxAreaFraction = 0.15;

    /// <summary>Smallest width / height ratio of the patch; the largest is its inverse (Li et al.: 0.3, so 0.3 to 3.3).</summary>
    public const double MinAspectRatio = 0.3;

    /// <summary>
    /// The largest relative change of a channel of the pasted patch: each channel is multiplied by a factor drawn uniformly from
    /// 1 ± ColourJitter. Default 0.1 (Li et al.'s colour jitter strength); 0 pastes the patch unchanged. At least 0, below 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [0, 1).</exception>
    public double ColourJitter
    {
        get => colourJitter;
        init => colourJitter = value is >= 0 and < 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(ColourJitter), value, "CutPaste's colour jitter must be at least 0 and below 1.");
    }

    private readonly double colourJitter = 0.1;

    /// <inheritdoc />
    public override string Name => "CutPaste";

    /// <inheritdoc />
    protected override void CheckGeometry(int channels, int height, int width)
    {
        if (height < 2 || width < 2)
        {
            throw new ArgumentException(
                $"{Name} needs an image of at least 2 × 2 pixels, so that the patch can move; the image is {height} × {width}.");
        }
    }

    /// <inheritdoc />
    protected override void Alter(ReadOnlySpan<float> image, Span<float> destination, int channels, int height, int width, Random random) =>
        Paste(image, destination, [], channels, height, width, random);

    /// <summary>Pastes the patch and marks the destination rectangle (see the remarks).</summary>
    /// <inheritdoc />
    protected override void Alter(ReadOnlySpan<float> image, Span<float> destination, Span<bool> mask, int channels, int height, int width, Random random) =>
        Paste(image, destination, mask, channels, height, width, random);

    /// <summary>The random part of the alteration, drawn in the documented order.</summary>
    internal CutPastePatch Draw(Random random, int channels, int height, int width)
    {
        double area = MinAreaFraction + (MaxAreaFraction - MinAreaFraction) * random.NextDouble();
        double aspect = Math.Exp(Math.Log(MinAspectRatio) * (1 - 2 * random.NextDouble()));
        double pixels = area * height * width;
        int w = Math.Clamp((int)Math.Round(Math.Sqrt(pixels * aspect), MidpointRounding.AwayFromZero), 1, width - 1);
        int h = Math.Clamp((int)Math.Round(Math.Sqrt(pixels / aspect), MidpointRounding.AwayFromZero), 1, height - 1);
        int sourceLeft = random.Next(width - w + 1), sourceTop = random.Next(height - h + 1);
        int left, top;
        do
        {
            left = random.Next(width - w + 1);
            top = random.Next(height - h + 1);
        }
        while (left == sourceLeft && top == sourceTop);
        return new CutPastePatch(w, h, sourceLeft, sourceTop, left, top, DrawGains(random, channels, ColourJitter));
    }

    /// <summary>The colour jitter: one factor per channel, channel 0 first, 1 + jitter·(2·NextDouble() − 1); no draws when jitter is 0.</summary>
    internal static float[] DrawGains(Random random, int channels, double jitter)
    {
        var gains = new float[channels];
        for (int c = 0; c < channels; c++) gains[c] = jitter == 0 ? 1f : (float)(1 + jitter * (2 * random.NextDouble() - 1));
        return gains;
    }

    /// <summary>A pasted value: round(value · gain), clamped to 0–255.</summary>
    internal static float Jitter(float value, float gain) => Math.Clamp(MathF.Round(value * gain), 0, 255);

    /// <summary>The alteration; <paramref name="mask"/> empty when no mask is wanted, else height · width values that receive the rectangle.</summary>
    private void Paste(ReadOnlySpan<float> image, Span<float> destination, Span<bool> mask, int channels, int height, int width, Random random)
    {
        var patch = Draw(random, channels, height, width);
        image.CopyTo(destination);
        for (int c = 0; c < channels; c++)
        {
            float gain = patch.Gains[c];
            for (int dy = 0; dy < patch.Height; dy++)
            {
                int from = (c * height + patch.SourceTop + dy) * width + patch.SourceLeft;
                int to = (c * height + patch.Top + dy) * width + patch.Left;
                for (int dx = 0; dx < patch.Width; dx++) destination[to + dx] = Jitter(image[from + dx], gain);
            }
        }
        if (mask.IsEmpty) return;
        for (int dy = 0; dy < patch.Height; dy++) mask.Slice((patch.Top + dy) * width + patch.Left, patch.Width).Fill(true);
    }
}
