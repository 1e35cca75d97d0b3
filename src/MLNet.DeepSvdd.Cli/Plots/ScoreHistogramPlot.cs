using OxyPlot.Axes;
using OxyPlot.Series;
using OxyPlot;

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
        var series = new[] { (false, "normal", OxyColor.FromArgb(130, 70, 130, 180)), (true, "anomalous", OxyColor.FromArgb(130, 255, 69, 0)) }
            .Select(t =>
            {
                var values = scores.Where((_, i) => isAnomaly[i] == t.Item1).Select(s => (double)s).ToArray();
                var counts = Counts(values, min, max, bins);
                var histogram = new HistogramSeries { Title = $"{t.Item2} ({values.Length})", FillColor = t.Item3, StrokeThickness = 0 };
                // The bar height is area / bin width: area = fraction × width draws the fraction of the class's rows in the bin.
                for (int b = 0; b < bins; b++)
                {
                    double fraction = values.Length > 0 ? counts[b] / values.Length : 0;
                    histogram.Items.Add(new HistogramItem(min + b * width, min + (b + 1) * width, fraction * width, (int)counts[b]));
                }
                return (Series: histogram, Top: values.Length > 0 ? counts.Max() / values.Length : 0);
            }).ToList();
        double top = Math.Max(1e-9, series.Max(s => s.Top)) * 1.1;
        var model = Chart.Model(title, legendBottomRight: false);
        model.Axes.Add(Chart.Linear(AxisPosition.Bottom, "anomaly score (higher = more anomalous)", min, max));
        model.Axes.Add(Chart.Linear(AxisPosition.Left, "fraction of rows", 0, top));
        foreach (var (histogram, _) in series) model.Series.Add(histogram);
        Chart.SavePng(path, model, 900, 600);
    }
}
