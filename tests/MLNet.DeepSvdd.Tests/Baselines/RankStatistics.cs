namespace MLNet.DeepSvdd.Tests.Baselines;

/// <summary>Spearman's rank correlation and ROC AUC, for comparing score vectors with scikit-learn's.</summary>
public static class RankStatistics
{
    /// <summary>Pearson correlation of the mid-ranks.</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var ra = Ranks(a);
        var rb = Ranks(b);
        double ma = ra.Average(), mb = rb.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < ra.Length; i++)
        {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>ROC AUC by the Mann–Whitney statistic (ties count one half).</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomaly)
    {
        var ranks = Ranks(scores);
        double anomalies = isAnomaly.Count(x => x), normals = isAnomaly.Count - anomalies;
        double rankSum = ranks.Where((_, i) => isAnomaly[i]).Sum();
        return (rankSum - anomalies * (anomalies + 1) / 2) / (anomalies * normals);
    }

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]]) j++;
            for (int k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return ranks;
    }
}
