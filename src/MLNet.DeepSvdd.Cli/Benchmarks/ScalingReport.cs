namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>Writes a <see cref="ScalingResult"/> as scaling.json and scaling.md (Markdown tables, one per sweep).</summary>
public static class ScalingReport
{
    /// <summary>The column headers of the two training tables.</summary>
    public static readonly string[] FitHeaders =
        ["images", "size px", "epoch s", "Fit s", "steps img/s", "Fit img/s", "Fit/steps", "peak MB", "peak − before MB"];

    /// <summary>The column headers of the phase tables.</summary>
    public static readonly string[] PhaseHeaders =
        ["images", "size px", "Fit s", "loading", "input stats", "centre", "steps", "validation", "final pass", "other"];

    /// <summary>The column headers of the scoring table.</summary>
    public static readonly string[] ScoringHeaders = ["batch size", "images", "Transform img/s", "peak − before MB"];

    /// <summary>The column headers of the per-epoch memory table.</summary>
    public static readonly string[] MemoryHeaders = ["epoch", "working set MB", "vs first MB"];

    /// <summary>The cells of one training row, in <see cref="FitHeaders"/> order.</summary>
    public static string[] FitCells(FitPoint p) =>
        [I(p.Images), I(p.Size), F(p.EpochSeconds, 2), F(p.FitSeconds, 2), F(p.StepImagesPerSecond, 0), F(p.FitImagesPerSecond, 0),
            F(p.FitToStepRatio, 2), F(p.PeakWorkingSetMb, 0), F(p.PeakOverBaselineMb, 0)];

    /// <summary>The cells of one phase row, in <see cref="PhaseHeaders"/> order: seconds and share of the Fit time.</summary>
    public static string[] PhaseCells(FitPoint p)
    {
        var b = p.Phases;
        string Share(double seconds) => $"{F(seconds, 2)} ({F(100 * seconds / b.Total, 0)}%)";
        return [I(p.Images), I(p.Size), F(b.Total, 2), .. b.Phases.Select(x => Share(x.Seconds)), Share(b.Other)];
    }

    /// <summary>The cells of one scoring row, in <see cref="ScoringHeaders"/> order.</summary>
    public static string[] ScoringCells(ScoringPoint p) => [I(p.BatchSize), I(p.Images), F(p.ImagesPerSecond, 0), F(p.PeakOverBaselineMb, 0)];

    /// <summary>The cells of one epoch row, in <see cref="MemoryHeaders"/> order.</summary>
    public static string[] MemoryCells(EpochMemory e, EpochMemory first) =>
        [I(e.Epoch), F(e.WorkingSetMb, 1), (e.WorkingSetMb - first.WorkingSetMb).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)];

    /// <summary>One line on the per-epoch working set: first, last, growth and slope.</summary>
    public static string MemorySummary(EpochMemoryRun run) =>
        $"Working set after epoch 1: {F(run.Epochs[0].WorkingSetMb, 1)} MB, after epoch {run.Epochs.Count}: {F(run.Epochs[^1].WorkingSetMb, 1)} MB " +
        $"(growth {F(run.GrowthMb, 1)} MB; from epoch 2: {F(run.SteadyGrowthMb, 1)} MB, slope {F(run.SlopeMbPerEpoch, 2)} MB/epoch).";

    /// <summary>Writes scaling.json and scaling.md into <paramref name="directory"/>; returns their paths.</summary>
    public static (string Json, string Markdown) Write(ScalingResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        string json = Path.Combine(directory, "scaling.json"), markdown = Path.Combine(directory, "scaling.md");
        AtomicFile.WriteAllText(json, JsonSerializer.Serialize(result, JsonFileOptions.Indented));
        AtomicFile.WriteAllText(markdown, Markdown(result));
        return (json, markdown);
    }

    /// <summary>The Markdown tables of every sweep.</summary>
    public static string Markdown(ScalingResult r)
    {
        var md = new StringBuilder();
        md.AppendLine($"Deep SVDD scaling ({r.Network}, {r.Epochs} epochs of batch 50, w/ bias; synthetic images) on {r.Machine}.").AppendLine();
        md.AppendLine("Training time and memory vs the number of images:").AppendLine();
        Table(md, FitHeaders, r.ByImages.Select(FitCells));
        md.AppendLine("Training time and memory vs the image size:").AppendLine();
        Table(md, FitHeaders, r.BySize.Select(FitCells));
        md.AppendLine("Where the Fit time goes (seconds, share of Fit):").AppendLine();
        Table(md, PhaseHeaders, r.ByImages.Concat(r.BySize).Select(PhaseCells));
        md.AppendLine("Transform throughput vs the scoring batch size:").AppendLine();
        Table(md, ScoringHeaders, r.ByBatchSize.Select(ScoringCells));
        if (r.MemoryByEpoch is { Epochs.Count: > 0 } m)
        {
            md.AppendLine($"Working set after each epoch ({m.Images} images at {m.Size} px, after a full GC):").AppendLine();
            Table(md, MemoryHeaders, m.Epochs.Select(e => MemoryCells(e, m.Epochs[0])));
            md.AppendLine(MemorySummary(m)).AppendLine();
        }
        md.AppendLine("epoch s: mean optimizer-step time of the epochs after the first; Fit s: the whole Fit from an IDataView; " +
            "Fit/steps: Fit-path rate over step rate (1 = no overhead); peak MB: highest working set during Fit; peak − before: that minus " +
            "the working set before Fit, with the input IDataView already in memory.");
        return md.ToString();
    }

    private static void Table(StringBuilder md, string[] headers, IEnumerable<string[]> rows)
    {
        md.AppendLine("| " + string.Join(" | ", headers) + " |");
        md.AppendLine("|" + string.Concat(headers.Select(_ => "---:|")));
        foreach (var row in rows) md.AppendLine("| " + string.Join(" | ", row) + " |");
        md.AppendLine();
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
