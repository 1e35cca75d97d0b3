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
        int n = scores.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
        double rankSumAnomalies = 0;
        long anomalies = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++)
            {
                if (isAnomaly[order[k]]) { rankSumAnomalies += midRank; anomalies++; }
            }
            i = j + 1;
        }
        long normals = n - anomalies;
        if (anomalies == 0 || normals == 0)
            throw new ArgumentException($"ROC AUC needs both classes; got {anomalies} anomalies and {normals} normal rows.");
        return (rankSumAnomalies - anomalies * (anomalies + 1) / 2.0) / ((double)anomalies * normals);
    }
}
