using MLNet.DeepSvdd.Cli.Benchmarks;
using OxyPlot.Axes;
using OxyPlot.Series;
using OxyPlot;

namespace MLNet.DeepSvdd.Cli.Plots;

/// <summary>The scaling figures as PNG line plots: time and memory against images or image size, and throughput against batch size.</summary>
public static class ScalingPlot
{
    private const int Width = 700, Height = 500;

    /// <summary>Writes scaling-images.png, scaling-size.png and scaling-batch.png into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> SaveAll(ScalingResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        if (result.ByImages.Count > 0)
        {
            paths.Add(Path.Combine(directory, "scaling-images.png"));
            SaveFit(paths[^1], result.ByImages, p => p.Images, "images", $"{result.ByImages[0].Size} px images, {result.Network}");
        }
        if (result.BySize.Count > 0)
        {
            paths.Add(Path.Combine(directory, "scaling-size.png"));
            SaveFit(paths[^1], result.BySize, p => p.Size, "image size (px)", $"{result.BySize[0].Images} images, {result.Network}");
        }
        if (result.ByBatchSize.Count > 0)
        {
            paths.Add(Path.Combine(directory, "scaling-batch.png"));
            SaveBatch(paths[^1], result.ByBatchSize, result.Network);
        }
        return paths;
    }

    /// <summary>Two panels: seconds (steady epoch, whole Fit) and memory (peak, peak over the pre-Fit baseline) against <paramref name="x"/>.</summary>
    public static void SaveFit(string path, IReadOnlyList<FitPoint> points, Func<FitPoint, double> x, string xLabel, string subtitle)
    {
        var xs = points.Select(x).ToArray();
        var time = Panel($"Training time ({subtitle})", xLabel, "seconds", legendBottomRight: false, xs,
            [(points.Select(p => p.EpochSeconds).ToArray(), "epoch (steps)"), (points.Select(p => p.FitSeconds).ToArray(), "whole Fit")]);
        var memory = Panel($"Memory ({subtitle})", xLabel, "MB", legendBottomRight: false, xs,
            [(points.Select(p => p.PeakWorkingSetMb).ToArray(), "peak working set"), (points.Select(p => p.PeakOverBaselineMb).ToArray(), "peak - before Fit")]);
        Chart.SaveSideBySide(path, [time, memory], Width, Height);
    }

    /// <summary>Transform images/s against the scoring batch size, on a log2 axis (ticks at the powers of two).</summary>
    public static void SaveBatch(string path, IReadOnlyList<ScoringPoint> points, string network)
    {
        var xs = points.Select(p => (double)p.BatchSize).ToArray();
        var plot = Panel($"Scoring throughput ({points[0].Images} images, {network})", "ScoringBatchSize (log scale)", "images per second",
            legendBottomRight: true, xs, [(points.Select(p => p.ImagesPerSecond).ToArray(), "Transform")], logX: true);
        Chart.SavePng(path, plot, Width, Height);
    }

    private static PlotModel Panel(string title, string xLabel, string yLabel, bool legendBottomRight, double[] xs,
        IReadOnlyList<(double[] Ys, string Label)> series, bool logX = false)
    {
        // A log2 axis is padded like a linear one, in log2 units.
        double xMin = xs.Min(), xMax = xs.Max();
        if (logX) (xMin, xMax) = (Math.Log2(xMin), Math.Log2(xMax));
        if (xMax <= xMin) { xMin -= 1; xMax += 1; }
        double pad = (xMax - xMin) * 0.04;
        double yMax = Math.Max(1e-9, series.Max(s => s.Ys.Where(double.IsFinite).DefaultIfEmpty(0).Max())) * 1.15;
        double yMin = Math.Min(0, series.Min(s => s.Ys.Where(double.IsFinite).DefaultIfEmpty(0).Min()) * 1.15);
        var model = Chart.Model(title, legendBottomRight);
        model.Axes.Add(logX
            ? Chart.Styled(new LogarithmicAxis
            {
                Position = AxisPosition.Bottom, Title = xLabel, Base = 2, Minimum = Math.Pow(2, xMin - pad), Maximum = Math.Pow(2, xMax + pad),
            })
            : Chart.Linear(AxisPosition.Bottom, xLabel, xMin - pad, xMax + pad));
        model.Axes.Add(Chart.Linear(AxisPosition.Left, yLabel, yMin, yMax));
        for (int i = 0; i < series.Count; i++)
        {
            var line = new LineSeries
            {
                Title = series[i].Label, Color = Chart.ColorOf(i), StrokeThickness = 2,
                MarkerType = MarkerType.Circle, MarkerSize = 4, MarkerFill = Chart.ColorOf(i),
            };
            line.Points.AddRange(xs.Zip(series[i].Ys, (x, y) => new DataPoint(x, y)));
            model.Series.Add(line);
        }
        return model;
    }
}
