namespace MLNet.DeepSvdd;

/// <summary>
/// How well anomaly maps find <em>where</em> the defects are, against ground-truth masks: the pixel-level ROC AUC and MVTec AD's
/// per-region overlap, from <c>mlContext.AnomalyDetection.EvaluateLocalization</c> (<see cref="LocalizationCatalog"/>).
/// </summary>
public sealed class LocalizationMetrics
{
    /// <summary>The false-positive rate up to which <see cref="AreaUnderPro"/> integrates by default: 0.3, MVTec AD's limit.</summary>
    public const double DefaultMaxFalsePositiveRate = 0.3;

    internal LocalizationMetrics(double pixelAreaUnderRocCurve, double areaUnderPro, double maxFalsePositiveRate, int imageCount,
        int defectiveImageCount, long pixelCount, long defectivePixelCount, int regionCount)
    {
        PixelAreaUnderRocCurve = pixelAreaUnderRocCurve;
        AreaUnderPro = areaUnderPro;
        MaxFalsePositiveRate = maxFalsePositiveRate;
        ImageCount = imageCount;
        DefectiveImageCount = defectiveImageCount;
        PixelCount = pixelCount;
        DefectivePixelCount = defectivePixelCount;
        RegionCount = regionCount;
    }

    /// <summary>
    /// Pixel-level ROC AUC: every pixel of every image is one sample, its map value the score, defective (in the mask) the positive class;
    /// a tie between a defective and a normal pixel counts one half. 0.5 is chance, 1 a map that scores every defective pixel above every
    /// normal one. Large defects weigh more than small ones, in proportion to their pixels.
    /// </summary>
    public double PixelAreaUnderRocCurve { get; }

    /// <summary>
    /// The area under the per-region overlap (PRO) curve up to the false-positive rate <see cref="MaxFalsePositiveRate"/>, divided by that
    /// rate, so 1 is perfect (Bergmann et al., MVTec AD, IJCV 2021). For a threshold, PRO is the mean over the connected defect regions
    /// (8-connectivity, each image's mask on its own) of the fraction of the region at or above the threshold, and the false-positive
    /// rate is the fraction of normal pixels (all images) at or above it. The curve has one point per distinct map value; the area is the
    /// sum of trapezoids, the last one cut at exactly <see cref="MaxFalsePositiveRate"/> with the overlap interpolated linearly. Every region
    /// weighs the same whatever its size. A random map scores about <see cref="MaxFalsePositiveRate"/> / 2 (0.15 with the default).
    /// </summary>
    public double AreaUnderPro { get; }

    /// <summary>The integration limit of <see cref="AreaUnderPro"/> (default <see cref="DefaultMaxFalsePositiveRate"/>).</summary>
    public double MaxFalsePositiveRate { get; }

    /// <summary>Rows (images) evaluated.</summary>
    public int ImageCount { get; }

    /// <summary>Images whose mask has at least one defective pixel.</summary>
    public int DefectiveImageCount { get; }

    /// <summary>Pixels evaluated: images × height × width.</summary>
    public long PixelCount { get; }

    /// <summary>Pixels inside the masks.</summary>
    public long DefectivePixelCount { get; }

    /// <summary>Pixels outside the masks (the normal images' and the defective images' other pixels).</summary>
    public long NormalPixelCount => PixelCount - DefectivePixelCount;

    /// <summary>Connected defect regions over all masks, the units <see cref="AreaUnderPro"/> averages over.</summary>
    public int RegionCount { get; }

    /// <summary>The metrics on one line.</summary>
    /// <returns>E.g. "pixel AUROC 0.9512, AUPRO(FPR ≤ 0.3) 0.8123; 200 images (100 with defects), 204800 pixels (5123 defective), 812 regions".</returns>
    public override string ToString() =>
        FormattableString.Invariant($"pixel AUROC {PixelAreaUnderRocCurve:0.0000}, AUPRO(FPR ≤ {MaxFalsePositiveRate:0.##}) {AreaUnderPro:0.0000}; ") +
        FormattableString.Invariant($"{ImageCount} images ({DefectiveImageCount} with defects), {PixelCount} pixels ({DefectivePixelCount} defective), ") +
        FormattableString.Invariant($"{RegionCount} regions");
}
