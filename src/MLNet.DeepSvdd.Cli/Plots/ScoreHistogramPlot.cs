namespace MLNet.DeepSvdd.Cli.Plots;

/// <summary>Histograms of the anomaly scores of normal and anomalous test rows, overlaid, as a PNG: how well a detector separates them.</summary>
public static class ScoreHistogramPlot
{
    /// <summary>Bin counts of <paramref name="values"/> over <paramref name="bins"/> equal bins from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static double[] Counts(IEnumerable<double> values, double min, double max, int bins)
    {
        var counts = new double[bins];
        double width = (max - min) / bins;
        foreach (double v in values)
        {
            int b = width > 0 ? (int)Math.Floor((v - min) / width) : 0;
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }
        return counts;
    }

    /// <summary>Writes the two histograms (scores clipped to their 1st–99th percentile range, 40 bins) to <paramref name="path"/>.</summary>
    public static void Save(string path, string title, IReadOnlyList<float> scores, IReadOnlyList<bool> isAnomaly, int bins = 40)
    {
        var sorted = scores.Select(s => (double)s).Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("No finite scores to plot.", nameof(scores));
        double min = sorted[(int)(0.01 * (sorted.Length - 1))], max = sorted[(int)(0.99 * (sorted.Length - 1))];
        if (max <= min) { min = sorted[0]; max = sorted[^1] > sorted[0] ? sorted[^1] : sorted[0] + 1; }
        double width = (max - min) / bins;
        var centres = Enumerable.Range(0, bins).Select(b => min + (b + 0.5) * width).ToArray();
        var series = new[] { (false, "normal", new SkiaSharp.SKColor(70, 130, 180, 130)), (true, "anomalous", new SkiaSharp.SKColor(255, 69, 0, 130)) }
            .Select(t =>
            {
                var values = scores.Where((_, i) => isAnomaly[i] == t.Item1).Select(s => (double)s).ToArray();
                var fractions = Counts(values, min, max, bins).Select(c => values.Length > 0 ? c / values.Length : 0).ToArray();
                return (Name: $"{t.Item2} ({values.Length})", Color: t.Item3, Fractions: fractions);
            }).ToList();
        double top = Math.Max(1e-9, series.Max(s => s.Fractions.Max())) * 1.1;
        using var plot = new PlotCanvas(900, 600, min, max, 0, top);
        foreach (var (name, color, fractions) in series) plot.Bars(centres, fractions, width, color, name);
        plot.Save(path, title, "anomaly score (higher = more anomalous)", "fraction of rows", legendBottomRight: false);
    }
}
