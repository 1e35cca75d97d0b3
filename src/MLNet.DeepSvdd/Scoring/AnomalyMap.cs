namespace MLNet.DeepSvdd.Scoring;

/// <summary>
/// The anomaly map of a patch-level model at the input image's size: the patch branch's squared distances to its centre (one per position of
/// the patch stage's map, 32×32 for a 128 px network input with layer1) smoothed with a Gaussian of σ = <see cref="SigmaCells"/> positions (5 taps, edges
/// replicated), upsampled bilinearly to the input's height and width (half-pixel centres, as ML.NET's and PyTorch's resize), and divided
/// by the map threshold τ and multiplied by 0.5, so that 0.5 is the threshold on every image (dataset-wide, never per image: a normal image
/// stays dark) and 0 is the centre. τ is learned when the model is trained (<see cref="Threshold"/>).
/// </summary>
internal static class AnomalyMap
{
    /// <summary>σ of the Gaussian smoothing, in positions of the patch map: 1 (a position's neighbours weigh 0.61 of it).</summary>
    public const double SigmaCells = 1.0;

    /// <summary>The map value of the threshold: 0.5.</summary>
    public const float ThresholdValue = 0.5f;

    /// <summary>The 5 taps of the normalised Gaussian of σ = <see cref="SigmaCells"/>.</summary>
    public static float[] Kernel()
    {
        var taps = new double[5];
        for (int i = 0; i < 5; i++) taps[i] = Math.Exp(-(i - 2) * (i - 2) / (2 * SigmaCells * SigmaCells));
        double sum = taps.Sum();
        return [.. taps.Select(t => (float)(t / sum))];
    }

    /// <summary>
    /// The unnormalised map [N, <paramref name="height"/>, <paramref name="width"/>] from patch distances [N, h, w]: smoothed and upsampled,
    /// in the units of the distances.
    /// </summary>
    public static Tensor Render(Tensor distances, int height, int width)
    {
        using var scope = NewDisposeScope();
        var kernel = tensor(Kernel(), device: distances.device);
        var x = distances.unsqueeze(1);
        x = nn.functional.pad(x, [2, 2, 0, 0], PaddingModes.Replicate);
        x = nn.functional.conv2d(x, kernel.view(1, 1, 1, 5));
        x = nn.functional.pad(x, [0, 0, 2, 2], PaddingModes.Replicate);
        x = nn.functional.conv2d(x, kernel.view(1, 1, 5, 1));
        if (x.shape[2] != height || x.shape[3] != width)
            x = nn.functional.interpolate(x, [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        return x.squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// τ from the rendered maps of normal images: the (1 − ν) quantile of their per-image maxima, so that about a fraction ν of normal images
    /// show any pixel in the mask, as ν sets the image threshold.
    /// </summary>
    public static double Threshold(IReadOnlyList<float> normalMaxima, double nu) =>
        Math.Max(Quantile.Of(normalMaxima, 1 - nu), 1e-12);
}
