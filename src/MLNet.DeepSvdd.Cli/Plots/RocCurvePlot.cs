using OxyPlot.Axes;
using OxyPlot.Series;
using OxyPlot;

namespace MLNet.DeepSvdd.Cli.Plots;

/// <summary>ROC curves (true positive rate against false positive rate) of several detectors on one test set, as a PNG.</summary>
public static class RocCurvePlot
{
    /// <summary>The ROC points of <paramref name="scores"/> (higher = more anomalous) against <paramref name="isAnomaly"/>, ties grouped.</summary>
    public static (double[] FalsePositiveRate, double[] TruePositiveRate) Points(IReadOnlyList<float> scores, IReadOnlyList<bool> isAnomaly)
    {
        int positives = isAnomaly.Count(a => a), negatives = isAnomaly.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("A ROC curve needs both normal and anomalous rows.", nameof(isAnomaly));
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        int tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (isAnomaly[order[k]]) tp++; else fp++;
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[order[k]]) continue; // a tie moves diagonally
            fpr.Add((double)fp / negatives);
            tpr.Add((double)tp / positives);
        }
        return ([.. fpr], [.. tpr]);
    }

    /// <summary>Writes the curves of <paramref name="curves"/> (legend, scores, labels, AUC) to <paramref name="path"/>.</summary>
    public static void Save(string path, string title, IEnumerable<(string Name, IReadOnlyList<float> Scores, IReadOnlyList<bool> IsAnomaly, double Auc)> curves)
    {
        var model = Chart.Model(title, legendBottomRight: true);
        model.Axes.Add(Chart.Linear(AxisPosition.Bottom, "False positive rate", 0, 1));
        model.Axes.Add(Chart.Linear(AxisPosition.Left, "True positive rate", 0, 1));
        var chance = new LineSeries { Color = OxyColors.Gray, StrokeThickness = 1, LineStyle = LineStyle.Dash };
        chance.Points.AddRange([new DataPoint(0, 0), new DataPoint(1, 1)]);
        model.Series.Add(chance);
        int index = 0;
        foreach (var (name, scores, labels, auc) in curves)
        {
            var (x, y) = Points(scores, labels);
            var curve = new LineSeries { Title = Chart.Printable($"{name} (AUC {100 * auc:F1})"), Color = Chart.ColorOf(index++), StrokeThickness = 2 };
            curve.Points.AddRange(x.Zip(y, (fp, tp) => new DataPoint(fp, tp)));
            model.Series.Add(curve);
        }
        Chart.SavePng(path, model, 900, 700);
    }
}
