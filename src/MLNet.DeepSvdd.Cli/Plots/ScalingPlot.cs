using MLNet.DeepSvdd.Cli.Benchmarks;

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
        using var time = Panel(xs, [(points.Select(p => p.EpochSeconds).ToArray(), "epoch (steps)"), (points.Select(p => p.FitSeconds).ToArray(), "whole Fit")]);
        time.Decorate($"Training time ({subtitle})", xLabel, "seconds", legendBottomRight: false);
        using var memory = Panel(xs, [(points.Select(p => p.PeakWorkingSetMb).ToArray(), "peak working set"),
            (points.Select(p => p.PeakOverBaselineMb).ToArray(), "peak - before Fit")]);
        memory.Decorate($"Memory ({subtitle})", xLabel, "MB", legendBottomRight: false);
        PlotCanvas.SaveSideBySide(path, [time, memory]);
    }

    /// <summary>Transform images/s against the scoring batch size, on a log2 axis.</summary>
    public static void SaveBatch(string path, IReadOnlyList<ScoringPoint> points, string network)
    {
        var xs = points.Select(p => Math.Log2(p.BatchSize)).ToArray();
        using var plot = Panel(xs, [(points.Select(p => p.ImagesPerSecond).ToArray(), "Transform")]);
        plot.XTicks = points.Select(p => (Math.Log2(p.BatchSize), p.BatchSize.ToString(CultureInfo.InvariantCulture))).ToList();
        plot.Decorate($"Scoring throughput ({points[0].Images} images, {network})", "ScoringBatchSize (log scale)", "images per second",
            legendBottomRight: true);
        PlotCanvas.SaveSideBySide(path, [plot]);
    }

    private static PlotCanvas Panel(double[] xs, IReadOnlyList<(double[] Ys, string Label)> series)
    {
        double xMin = xs.Min(), xMax = xs.Max();
        if (xMax <= xMin) { xMin -= 1; xMax += 1; }
        double pad = (xMax - xMin) * 0.04;
        double yMax = Math.Max(1e-9, series.Max(s => s.Ys.Where(double.IsFinite).DefaultIfEmpty(0).Max())) * 1.15;
        double yMin = Math.Min(0, series.Min(s => s.Ys.Where(double.IsFinite).DefaultIfEmpty(0).Min()) * 1.15);
        var plot = new PlotCanvas(Width, Height, xMin - pad, xMax + pad, yMin, yMax);
        for (int i = 0; i < series.Count; i++)
        {
            plot.Line(xs, series[i].Ys, PlotCanvas.ColorOf(i), series[i].Label);
            plot.Dots(xs, series[i].Ys, PlotCanvas.ColorOf(i));
        }
        return plot;
    }
}
