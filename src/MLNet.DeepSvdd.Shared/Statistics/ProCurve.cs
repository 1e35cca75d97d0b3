namespace MLNet.DeepSvdd.Shared.Statistics;

/// <summary>
/// The per-region overlap (PRO) curve of MVTec AD (Bergmann, Batzner, Fauser, Sattlegger, Steger, IJCV 2021): for a threshold t, the pixels
/// scoring t or more are predicted defective; PRO(t) is the mean, over every connected ground-truth region of every image, of the fraction
/// of the region predicted defective, and FPR(t) the fraction of normal pixels (all pixels of all images outside every region) predicted
/// defective. Every region weighs the same whatever its size, so a small defect counts as much as a large one.
/// </summary>
/// <remarks>
/// The curve is exact, as in MVTec AD's evaluation script: one point per distinct score (the threshold sweep is every value that occurs,
/// pixels with equal scores entering together), plus (0, 0) and (1, 1); between points it is a straight line.
/// </remarks>
internal sealed class ProCurve
{
    private ProCurve(double[] falsePositiveRates, double[] overlaps)
    {
        FalsePositiveRates = falsePositiveRates;
        Overlaps = overlaps;
    }

    /// <summary>The curve's x: false-positive rates on normal pixels, non-decreasing from 0 to 1.</summary>
    public double[] FalsePositiveRates { get; }

    /// <summary>The curve's y: mean region overlaps, non-decreasing from 0 to 1.</summary>
    public double[] Overlaps { get; }

    /// <summary>
    /// The curve of pixels sorted by score, ascending: <paramref name="sortedScores"/> (no NaN) and the region of each pixel in the same
    /// order (an index into <paramref name="regionSizes"/>, or −1 for a normal pixel).
    /// </summary>
    /// <param name="sortedScores">The scores, ascending; higher = more anomalous.</param>
    /// <param name="sortedRegionOf">Each pixel's region, or −1, in the order of <paramref name="sortedScores"/>.</param>
    /// <param name="regionSizes">The number of pixels of each region.</param>
    /// <param name="stopAtFalsePositiveRate">Stop at the first point whose false-positive rate reaches this (1, the default: the whole
    /// curve, ending at (1, 1)); an area can then be taken up to this rate. Saves memory when there are millions of distinct scores.</param>
    /// <exception cref="ArgumentException">No region, or no normal pixel.</exception>
    public static ProCurve FromSorted(ReadOnlySpan<float> sortedScores, ReadOnlySpan<int> sortedRegionOf, IReadOnlyList<int> regionSizes,
        double stopAtFalsePositiveRate = 1)
    {
        int n = sortedScores.Length;
        if (sortedRegionOf.Length != n) throw new ArgumentException("Scores and region indices differ in length.");
        long normals = 0;
        foreach (int region in sortedRegionOf)
        {
            if (region < 0) normals++;
        }
        if (regionSizes.Count == 0) throw new ArgumentException("The PRO curve needs at least one defect region; the masks have none.");
        if (normals == 0) throw new ArgumentException("The PRO curve needs normal pixels for its false-positive rate; every pixel is a defect.");

        var fprs = new List<double> { 0 };
        var pros = new List<double> { 0 };
        long falsePositives = 0;
        double overlapSum = 0;
        // Descending scores: lowering the threshold past a group of equal scores adds the whole group, then gives one point.
        for (int i = n - 1; i >= 0; i--)
        {
            int region = sortedRegionOf[i];
            if (region < 0) falsePositives++;
            else overlapSum += 1.0 / regionSizes[region];
            if (i > 0 && sortedScores[i - 1] == sortedScores[i]) continue;
            double fpr = Math.Min(1, (double)falsePositives / normals);
            fprs.Add(fpr);
            pros.Add(Math.Min(1, overlapSum / regionSizes.Count));
            if (fpr >= stopAtFalsePositiveRate && stopAtFalsePositiveRate < 1) return new ProCurve([.. fprs], [.. pros]);
        }
        fprs.Add(1);
        pros.Add(1);
        return new ProCurve([.. fprs], [.. pros]);
    }

    /// <summary>
    /// The area under the curve from FPR 0 to <paramref name="maxFalsePositiveRate"/>, divided by it (1 = perfect): trapezoids between the
    /// curve's points, the last one cut at exactly <paramref name="maxFalsePositiveRate"/> with the overlap interpolated linearly there
    /// (MVTec AD's rule; they use 0.3).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFalsePositiveRate"/> is not in (0, 1], or beyond where the curve
    /// was stopped.</exception>
    public double NormalizedArea(double maxFalsePositiveRate)
    {
        if (!(maxFalsePositiveRate > 0 && maxFalsePositiveRate <= FalsePositiveRates[^1]))
        {
            throw new ArgumentOutOfRangeException(nameof(maxFalsePositiveRate), maxFalsePositiveRate,
                $"The PRO integration limit is a false-positive rate in (0, 1], and this curve reaches {FalsePositiveRates[^1]}.");
        }
        var (x, y) = (FalsePositiveRates, Overlaps);
        double area = 0;
        for (int i = 1; i < x.Length && x[i - 1] < maxFalsePositiveRate; i++)
        {
            if (x[i] <= maxFalsePositiveRate)
            {
                area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
                continue;
            }
            double cutY = y[i - 1] + (y[i] - y[i - 1]) * (maxFalsePositiveRate - x[i - 1]) / (x[i] - x[i - 1]);
            area += (maxFalsePositiveRate - x[i - 1]) * (cutY + y[i - 1]) / 2;
        }
        return area / maxFalsePositiveRate;
    }
}
