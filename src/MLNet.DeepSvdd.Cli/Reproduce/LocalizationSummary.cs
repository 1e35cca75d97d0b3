namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// The localization metrics of one table cell over its runs: pixel ROC AUC and AUPRO (FPR ≤ 0.3), ×100, mean ± sample std (as
/// <see cref="CellSummary"/>). Only cells whose runs measured them: methods with anomaly maps in alteration columns.
/// </summary>
/// <param name="Column">Column id.</param>
/// <param name="Method">Method id.</param>
/// <param name="PixelAuc">The pixel ROC AUC over the runs.</param>
/// <param name="Pro">The AUPRO over the runs.</param>
public sealed record LocalizationSummary(string Column, string Method, CellSummary PixelAuc, CellSummary Pro)
{
    /// <summary>The summary of the runs of a cell that measured localization, or null when none did.</summary>
    public static LocalizationSummary? Of(string column, string method, IReadOnlyList<RunResult> runs)
    {
        var measured = runs.Where(r => !double.IsNaN(r.PixelAuc)).ToList();
        if (measured.Count == 0) return null;
        return new(column, method, CellSummary.Of(column, method, [.. measured.Select(r => r.PixelAuc)], 0),
            CellSummary.Of(column, method, [.. measured.Select(r => r.Pro)], 0));
    }

    /// <summary>"96.1±0.4 / 81.0±2.2": pixel ROC AUC / AUPRO.</summary>
    public string Text => $"{PixelAuc.Text} / {Pro.Text}";
}
