using MLNet.DeepSvdd.Cli.Reproduce;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace MLNet.DeepSvdd.Cli.Plots;

/// <summary>
/// The paper's Figure 1 from a Table V reproduction: for each anomaly type and each group of rows (the library's defaults, the paper's
/// recipe), the test AUC of each variant minus that of the standard Deep SVDD (the paper's [13], no bias) at the same learning rate of the
/// linear layer g, against that learning rate on a log axis. Points above 0 beat the standard model.
/// </summary>
public static class LearningRatePlot
{
    private const int Width = 640, Height = 440;

    /// <summary>One line: a variant's AUC difference (×100) to the standard model at each learning rate both were measured at.</summary>
    /// <param name="Panel">The anomaly type and group, e.g. "Block permutation 2×2, Paper recipe".</param>
    /// <param name="Variant">The variant's row heading.</param>
    /// <param name="Points">(learning rate of g, AUC difference ×100), in increasing rate.</param>
    public sealed record Line(string Panel, string Variant, IReadOnlyList<(double Rate, double Difference)> Points);

    /// <summary>
    /// The lines of Figure 1: per anomaly type and group, one per variant other than the standard model, from the cells' mean AUCs; a rate
    /// is left out of a line when either cell has no runs.
    /// </summary>
    public static IReadOnlyList<Line> Lines(TableSpec table, IReadOnlyList<CellSummary> cells)
    {
        var lines = new List<Line>();
        var columns = table.Columns.Where(c => c.HeadLearningRate is not null).ToList();
        foreach (var anomaly in columns.GroupBy(c => c.TestAnomalies?.Name ?? c.Name))
            foreach (var group in table.Methods.OfType<DeepSvddMethod>().GroupBy(m => m.Group))
            {
                var standard = group.FirstOrDefault(m => !m.UseBias);
                if (standard is null) continue;
                string panel = group.Key is null ? anomaly.Key : $"{anomaly.Key}, {group.Key}";
                foreach (var variant in group.Where(m => m != standard))
                {
                    var points = (from column in anomaly
                                  let own = Mean(column, variant)
                                  let reference = Mean(column, standard)
                                  where !double.IsNaN(own) && !double.IsNaN(reference)
                                  orderby column.HeadLearningRate
                                  select ((double)column.HeadLearningRate!.Value, own - reference)).ToList();
                    if (points.Count > 0) lines.Add(new Line(panel, variant.Name, points));
                }
            }
        return lines;

        double Mean(ColumnSpec column, MethodSpec method)
        {
            string id = ExperimentRunner.KeyOf(column, 0, 0, method).Method;
            return cells.FirstOrDefault(c => c.Column == column.Id && c.Method == id)?.Mean ?? double.NaN;
        }
    }

    /// <summary>Writes <paramref name="lines"/> as one PNG, a panel per anomaly type and group side by side; false when nothing to draw.</summary>
    public static bool Save(string path, IReadOnlyList<Line> lines)
    {
        if (lines.Count == 0) return false;
        var panels = lines.GroupBy(l => l.Panel).Select(Panel).ToList();
        Chart.SaveSideBySide(path, panels, Width, Height);
        return true;
    }

    private static PlotModel Panel(IGrouping<string, Line> panel)
    {
        var model = Chart.Model($"Figure 1: {panel.Key}", legendBottomRight: true);
        var rates = panel.SelectMany(l => l.Points.Select(p => p.Rate)).ToList();
        var differences = panel.SelectMany(l => l.Points.Select(p => p.Difference)).ToList();
        double span = Math.Max(1, Math.Max(Math.Abs(differences.Min()), Math.Abs(differences.Max()))) * 1.2;
        model.Axes.Add(Chart.Styled(new LogarithmicAxis
        {
            Position = AxisPosition.Bottom, Title = "learning rate of g (others a tenth)", Base = 10,
            Minimum = rates.Min() / 2, Maximum = rates.Max() * 2,
        }));
        model.Axes.Add(Chart.Linear(AxisPosition.Left, "AUC - AUC of D. SVDD [13] (x100)", -span, span));
        model.Annotations.Add(new OxyPlot.Annotations.LineAnnotation
        {
            Type = OxyPlot.Annotations.LineAnnotationType.Horizontal, Y = 0, Color = OxyColors.Gray, LineStyle = LineStyle.Dash,
        });
        int index = 0;
        foreach (var line in panel)
        {
            var series = new LineSeries
            {
                Title = Chart.Printable(line.Variant), Color = Chart.ColorOf(index), StrokeThickness = 2,
                MarkerType = MarkerType.Circle, MarkerSize = 4, MarkerFill = Chart.ColorOf(index),
            };
            series.Points.AddRange(line.Points.Select(p => new DataPoint(p.Rate, p.Difference)));
            model.Series.Add(series);
            index++;
        }
        return model;
    }
}
