using MLNet.DeepSvdd.Selection;
using OxyPlot.Axes;
using OxyPlot.Series;
using OxyPlot;

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
        var model = Chart.Model(title, legendBottomRight: true);
        model.Axes.Add(Chart.Linear(AxisPosition.Bottom, "minutes since the search started (trial end)", 0, xMax));
        model.Axes.Add(Chart.Linear(AxisPosition.Left, "validation ROC AUC", yMin, yMax));

        // Best eligible validation AUC so far, as a step line.
        var steps = new List<DataPoint>();
        double best = double.NaN;
        foreach (var t in trials.OrderBy(End))
        {
            if (!t.IsEligible || !(double.IsNaN(best) || t.ValidationAuc > best)) continue;
            if (!double.IsNaN(best)) steps.Add(new DataPoint(End(t), best));
            best = t.ValidationAuc;
            steps.Add(new DataPoint(End(t), best));
        }
        if (steps.Count > 0)
        {
            steps.Add(new DataPoint(xMax, best));
            var line = new LineSeries { Title = "best so far", Color = OxyColors.Black, StrokeThickness = 1.5, LineStyle = LineStyle.Dash };
            line.Points.AddRange(steps);
            model.Series.Add(line);
        }

        var families = trials.Select(t => t.Family).Distinct().ToList();
        for (int f = 0; f < families.Count; f++)
        {
            var eligible = trials.Where(t => t.Family == families[f] && t.IsEligible);
            model.Series.Add(Dots(families[f], Chart.ColorOf(f), 5, eligible.Select(t => new ScatterPoint(End(t), t.ValidationAuc))));
        }
        var rejected = trials.Where(t => !t.IsEligible).ToList();
        if (rejected.Count > 0)
        {
            // Failed trials have no AUC: drawn on the bottom edge, like those below the range.
            model.Series.Add(Dots("collapsed / diverged / failed / stopped (never selected)", OxyColor.FromRgb(150, 150, 150), 4,
                rejected.Select(t => new ScatterPoint(End(t), double.IsFinite(t.ValidationAuc) ? Math.Max(t.ValidationAuc, yMin) : yMin))));
        }
        // The selected trial: its family's colour, ringed in black, on top.
        var winner = Dots(null, Chart.ColorOf(families.IndexOf(board.Best.Family)), 6, [new ScatterPoint(End(board.Best), board.Best.ValidationAuc)]);
        winner.MarkerStroke = OxyColors.Black;
        winner.MarkerStrokeThickness = 3;
        model.Series.Add(winner);
        Chart.SavePng(path, model, 1000, 650);
    }

    private static ScatterSeries Dots(string? title, OxyColor color, double radius, IEnumerable<ScatterPoint> points)
    {
        var dots = new ScatterSeries { Title = title is null ? null : Chart.Printable(title), MarkerType = MarkerType.Circle, MarkerSize = radius, MarkerFill = color };
        dots.Points.AddRange(points);
        return dots;
    }
}
