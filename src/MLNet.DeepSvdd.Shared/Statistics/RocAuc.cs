using System.Numerics;

namespace MLNet.DeepSvdd.Shared.Statistics;

/// <summary>
/// Area under the ROC curve of scores (higher = more anomalous) against binary labels (true = anomaly), by the rank-sum
/// (Mann–Whitney) formula with mid-ranks for ties, so a tie between an anomaly and a normal row counts one half.
/// </summary>
internal static class RocAuc
{
    public static double Compute(IReadOnlyList<float> scores, IReadOnlyList<bool> isAnomaly) =>
        Compute(scores.Select(s => (double)s).ToArray(), isAnomaly); // float → double keeps the order and the ties

    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomaly)
    {
        if (scores.Count != isAnomaly.Count) throw new ArgumentException("Scores and labels differ in length.");
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray(); // stable: equal keys (and NaNs) keep their order
        return FromSorted<double>(order.Select(i => scores[i]).ToArray(), order.Select(i => isAnomaly[i]).ToArray());
    }

    /// <summary>
    /// The same area for many values (every pixel of a data set), without copies: sorts <paramref name="scores"/> and reorders
    /// <paramref name="isAnomaly"/> with them, in place.
    /// </summary>
    public static double ComputeInPlace<T>(Span<T> scores, Span<bool> isAnomaly)
        where T : INumber<T>
    {
        if (scores.Length != isAnomaly.Length) throw new ArgumentException("Scores and labels differ in length.");
        scores.Sort(isAnomaly);
        return FromSorted<T>(scores, isAnomaly);
    }

    /// <summary>The area from scores sorted ascending and their labels in the same order: mid-ranks over each group of equal scores.</summary>
    public static double FromSorted<T>(ReadOnlySpan<T> sorted, ReadOnlySpan<bool> isAnomaly)
        where T : INumber<T>
    {
        int n = sorted.Length;
        double rankSumAnomalies = 0;
        long anomalies = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && sorted[j + 1] == sorted[i]) j++;
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++)
            {
                if (isAnomaly[k]) { rankSumAnomalies += midRank; anomalies++; }
            }
            i = j + 1;
        }
        long normals = n - anomalies;
        if (anomalies == 0 || normals == 0)
            throw new ArgumentException($"ROC AUC needs both classes; got {anomalies} anomalies and {normals} normal rows.");
        return (rankSumAnomalies - anomalies * (anomalies + 1) / 2.0) / ((double)anomalies * normals);
    }
}
