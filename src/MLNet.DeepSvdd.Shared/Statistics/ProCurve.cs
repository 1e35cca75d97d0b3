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

    /// <summary>The curve of pixels with <paramref name="scores"/> (finite), each in region <paramref name="regionOf"/>[p] (−1 = normal).</summary>
    /// <param name="scores">One score per pixel, higher = more anomalous.</param>
    /// <param name="regionOf">The pixel's region, an index into <paramref name="regionSizes"/>, or −1 for a normal pixel.</param>
    /// <param name="regionSizes">The number of pixels of each region.</param>
    /// <exception cref="ArgumentException">No region, or no normal pixel.</exception>
    public static ProCurve Compute(IReadOnlyList<float> scores, IReadOnlyList<int> regionOf, IReadOnlyList<int> regionSizes)
    {
        int n = scores.Count;
        if (regionOf.Count != n) throw new ArgumentException("Scores and region indices differ in length.");
        long normals = regionOf.Count(r => r < 0);
        if (regionSizes.Count == 0) throw new ArgumentException("The PRO curve needs at least one defect region; the masks have none.");
        if (normals == 0) throw new ArgumentException("The PRO curve needs normal pixels for its false-positive rate; every pixel is a defect.");

        var keys = new float[n];
        var order = new int[n];
        for (int p = 0; p < n; p++) (keys[p], order[p]) = (scores[p], p);
        Array.Sort(keys, order);

        var fprs = new List<double> { 0 };
        var pros = new List<double> { 0 };
        long falsePositives = 0;
        double overlapSum = 0;
        // Descending scores: lowering the threshold past a group of equal scores adds the whole group, then gives one point.
        for (int i = n - 1; i >= 0; i--)
        {
            int region = regionOf[order[i]];
            if (region < 0) falsePositives++;
            else overlapSum += 1.0 / regionSizes[region];
            if (i > 0 && keys[i - 1] == keys[i]) continue;
            fprs.Add(Math.Min(1, (double)falsePositives / normals));
            pros.Add(Math.Min(1, overlapSum / regionSizes.Count));
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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFalsePositiveRate"/> is not in (0, 1].</exception>
    public double NormalizedArea(double maxFalsePositiveRate)
    {
        if (!(maxFalsePositiveRate > 0 && maxFalsePositiveRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxFalsePositiveRate), maxFalsePositiveRate,
                "The PRO integration limit is a false-positive rate in (0, 1].");
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
