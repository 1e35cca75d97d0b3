namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// The AUC of one table cell over its runs (seeds, and normal classes for one-vs-all), ×100 as the paper prints it. The standard
/// deviation is the sample one (n − 1) over all runs of the cell, 0 for a single run.
/// </summary>
/// <param name="Column">The column's id.</param>
/// <param name="Method">The method's id.</param>
/// <param name="Mean">Mean test AUC ×100, NaN without runs.</param>
/// <param name="Std">Sample standard deviation ×100.</param>
/// <param name="Runs">How many runs the cell has.</param>
/// <param name="Collapsed">How many of them ended with a collapsed model.</param>
/// <param name="Diverged">How many of them diverged and report their best epoch before the divergence.</param>
public sealed record CellSummary(string Column, string Method, double Mean, double Std, int Runs, int Collapsed, int Diverged = 0)
{
    /// <summary>Summarises <paramref name="aucs"/> (0–1).</summary>
    public static CellSummary Of(string column, string method, IReadOnlyList<double> aucs, int collapsed, int diverged = 0)
    {
        double mean = aucs.Count > 0 ? aucs.Average() : double.NaN;
        double std = aucs.Count > 1 ? Math.Sqrt(aucs.Sum(a => (a - mean) * (a - mean)) / (aucs.Count - 1)) : 0;
        return new(column, method, 100 * mean, 100 * std, aucs.Count, collapsed, diverged);
    }

    /// <summary>
    /// "67.9±6.5", with "†" when a run of the cell collapsed and "‡" when one diverged (its best epoch before the divergence counts).
    /// </summary>
    public string Text => double.IsNaN(Mean) ? "–" : $"{Mean:F1}±{Std:F1}{(Collapsed > 0 ? "†" : "")}{(Diverged > 0 ? "‡" : "")}";
}
