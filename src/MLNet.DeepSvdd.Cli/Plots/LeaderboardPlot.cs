using MLNet.DeepSvdd.Selection;
using SkiaSharp;

namespace MLNet.DeepSvdd.Cli.Plots;

/// <summary>A search's trials as a PNG: validation AUC of each trial against the time it ended, per detector family, with the best so far.</summary>
public static class LeaderboardPlot
{
    /// <summary>Writes the plot of <paramref name="board"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, Leaderboard board, string title)
    {
        var trials = board.Trials;
        double End(TrialResult t) => (t.Started + t.Duration).TotalMinutes;
        double xMax = Math.Max(trials.Count == 0 ? 1 : trials.Max(End), 0.1) * 1.05;
        var aucs = trials.Where(t => double.IsFinite(t.ValidationAuc)).Select(t => t.ValidationAuc).ToList();
        double yMin = Math.Max(0, Math.Floor(((aucs.Count > 0 ? aucs.Min() : 0.5) - 0.02) * 20) / 20), yMax = 1;
        using var plot = new PlotCanvas(1000, 650, 0, xMax, yMin, yMax);

        // Best eligible validation AUC so far, as a step line.
        var steps = new List<(double X, double Y)>();
        double best = double.NaN;
        foreach (var t in trials.OrderBy(End))
        {
            if (!t.IsEligible || !(double.IsNaN(best) || t.ValidationAuc > best)) continue;
            if (!double.IsNaN(best)) steps.Add((End(t), best));
            best = t.ValidationAuc;
            steps.Add((End(t), best));
        }
        if (steps.Count > 0)
        {
            steps.Add((xMax, best));
            plot.Line(steps.Select(s => s.X).ToList(), steps.Select(s => s.Y).ToList(), SKColors.Black, "best so far", width: 1.5f, dashed: true);
        }

        var families = trials.Select(t => t.Family).Distinct().ToList();
        for (int f = 0; f < families.Count; f++)
        {
            var eligible = trials.Where(t => t.Family == families[f] && t.IsEligible).ToList();
            var color = PlotCanvas.ColorOf(f);
            plot.Line([0], [yMin], color, families[f]); // legend entry only
            plot.Dots(eligible.Select(End).ToList(), eligible.Select(t => t.ValidationAuc).ToList(), color, radius: 5);
        }
        var rejected = trials.Where(t => !t.IsEligible).ToList();
        if (rejected.Count > 0)
        {
            var gray = new SKColor(150, 150, 150);
            plot.Line([0], [yMin], gray, "collapsed / diverged / failed / stopped (never selected)");
            plot.Dots(rejected.Select(End).ToList(), rejected.Select(t => double.IsFinite(t.ValidationAuc) ? Math.Max(t.ValidationAuc, yMin) : yMin).ToList(), gray, radius: 4);
        }
        plot.Dots([End(board.Best)], [board.Best.ValidationAuc], SKColors.Black, radius: 9);
        plot.Dots([End(board.Best)], [board.Best.ValidationAuc], PlotCanvas.ColorOf(families.IndexOf(board.Best.Family)), radius: 6);
        plot.Save(path, title, "minutes since the search started (trial end)", "validation ROC AUC", legendBottomRight: true);
    }
}
