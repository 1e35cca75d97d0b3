using MLNet.DeepSvdd.Cli.Plots;
using MLNet.DeepSvdd.Datasets.Alterations;
using MLNet.DeepSvdd.Datasets.Visualization;

namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// Writes the outputs of a reproduction: <c>results.json</c> (every setting and number), <c>table.md</c> (our table laid out like the
/// paper's, then the paper's own), one ROC PNG per column, one score histogram PNG per column and method (first class, first seed), and
/// <c>anomaly-grid.png</c> for tables with altered images; for methods with anomaly maps, the pixel ROC AUC and PRO of the alteration columns
/// (results.json "localizationCells" and each run's PixelAuc and Pro; a table in table.md) and <c>maps-&lt;column&gt;.png</c>, the heat-map
/// overlays of a few test anomalies of the column's first run (first class, seed 1) of each such method; for Table V, <c>figure1.png</c>, the
/// paper's Figure 1 (<see cref="LearningRatePlot"/>).
/// </summary>
internal static class ReportWriter
{
    public static IReadOnlyList<CellSummary> Summaries(TableSpec table, IReadOnlyDictionary<RunKey, RunResult> results) =>
        [.. from column in table.Columns
            from method in table.Methods
            let key = ExperimentRunner.KeyOf(column, 0, 0, method)
            let runs = results.Where(r => r.Key.Column == key.Column && r.Key.Method == key.Method).Select(r => r.Value).ToList()
            select CellSummary.Of(column.Id, key.Method, runs.Select(r => r.TestAuc).ToList(), runs.Count(r => r.Collapsed),
                runs.Count(r => r.DivergedEpoch is not null))];

    /// <summary>The localization cells of the table: methods with anomaly maps in the columns whose runs measured them.</summary>
    public static IReadOnlyList<LocalizationSummary> LocalizationSummaries(TableSpec table, IReadOnlyDictionary<RunKey, RunResult> results) =>
        [.. from column in table.Columns
            from method in table.Methods
            let key = ExperimentRunner.KeyOf(column, 0, 0, method)
            let summary = LocalizationSummary.Of(column.Id, key.Method,
                [.. results.Where(r => r.Key.Column == key.Column && r.Key.Method == key.Method).Select(r => r.Value)])
            where summary is not null
            select summary];

    public static void WriteAll(string folder, TableSpec table, ReproduceProfile profile, IReadOnlyDictionary<RunKey, RunResult> results,
        Cifar10Dataset cifar, TimeSpan elapsed, RunCounts counts)
    {
        var summaries = Summaries(table, results);
        var localization = LocalizationSummaries(table, results);
        WriteJson(Path.Combine(folder, "results.json"), table, profile, results, summaries, localization, elapsed, counts);
        AtomicFile.WriteAllText(Path.Combine(folder, "table.md"), Markdown(table, profile, summaries, elapsed, counts, localization));
        WritePlots(folder, table, results);
        LearningRatePlot.Save(Path.Combine(folder, "figure1.png"), LearningRatePlot.Lines(table, summaries)); // Table V only
        WriteMapGrids(folder, table, results);
        var alterations = table.Columns.SelectMany(c => new[] { c.TrainingAnomalies, c.ValidationAnomalies, c.TestAnomalies })
            .OfType<ImageAlteration>().DistinctBy(a => a.Name).ToList();
        if (alterations.Count > 0)
        {
            var originals = Enumerable.Range(0, 8).Select(i => cifar.Test[i * 997 % cifar.Test.Count].Image).ToList();
            var altered = alterations.Select(a => (IReadOnlyList<float[]>)[.. originals.Select(o =>
                a.Apply(o, Cifar10Image.Channels, Cifar10Image.Height, Cifar10Image.Width, AlterationSeed.For(1, o)))]).ToList();
            AtomicFile.WriteAllBytes(Path.Combine(folder, "anomaly-grid.png"),
                AnomalyGrid.Encode(originals, altered, Cifar10Image.Channels, Cifar10Image.Height, Cifar10Image.Width, scale: 3));
        }
    }

    private static void WritePlots(string folder, TableSpec table, IReadOnlyDictionary<RunKey, RunResult> results)
    {
        foreach (var column in table.Columns)
        {
            var curves = new List<(string, IReadOnlyList<float>, IReadOnlyList<bool>, double)>();
            foreach (var method in table.Methods)
            {
                var key = ExperimentRunner.KeyOf(column, 0, 0, method);
                var first = results.Where(r => r.Key.Column == key.Column && r.Key.Method == key.Method)
                    .OrderBy(r => r.Key.NormalClass).ThenBy(r => r.Key.Seed).Select(r => r.Value).FirstOrDefault();
                if (first is null || first.Scores.Length == 0) continue;
                string name = (method.Group is null ? "" : method.Group + " ") + method.Name;
                curves.Add((name, first.Scores, first.Labels, first.TestAuc));
                string where = first.NormalClass >= 0 ? $", normal class {first.NormalClass}" : "";
                ScoreHistogramPlot.Save(Path.Combine(folder, $"hist-{column.Id}-{key.Method}.png"),
                    $"{name}: {column.Name}{where}, seed {first.Seed}", first.Scores, first.Labels);
            }
            if (curves.Count > 0)
                RocCurvePlot.Save(Path.Combine(folder, $"roc-{column.Id}.png"), $"Table {table.Id}: {column.Name} (first class and seed)", curves);
        }
    }

    /// <summary>
    /// <c>maps-&lt;column&gt;.png</c> for each column with stored map examples: for each method with maps, in table order, the overlays
    /// (image, heat map, predicted mask) of the test anomalies kept by its first run (first class, then first seed).
    /// </summary>
    private static void WriteMapGrids(string folder, TableSpec table, IReadOnlyDictionary<RunKey, RunResult> results)
    {
        foreach (var column in table.Columns)
        {
            var examples = new List<MapExamples>();
            foreach (var method in table.Methods)
            {
                var key = ExperimentRunner.KeyOf(column, 0, 0, method);
                var first = results.Where(r => r.Key.Column == key.Column && r.Key.Method == key.Method && r.Value.MapExamples is { Images.Count: > 0 })
                    .OrderBy(r => r.Key.NormalClass).ThenBy(r => r.Key.Seed).Select(r => r.Value.MapExamples!).FirstOrDefault();
                if (first is not null) examples.Add(first);
            }
            if (examples.Count == 0) continue;
            var shape = examples[0];
            var kept = examples.Where(e => e.Channels == shape.Channels && e.Height == shape.Height && e.Width == shape.Width).ToList();
            AtomicFile.WriteAllBytes(Path.Combine(folder, $"maps-{column.Id}.png"), AnomalyMapOverlay.Encode(
                [.. kept.SelectMany(e => e.Images)], [.. kept.SelectMany(e => e.Maps)], shape.Channels, shape.Height, shape.Width, scale: 3));
        }
    }

    private static void WriteJson(string path, TableSpec table, ReproduceProfile profile, IReadOnlyDictionary<RunKey, RunResult> results,
        IReadOnlyList<CellSummary> summaries, IReadOnlyList<LocalizationSummary> localization, TimeSpan elapsed, RunCounts counts)
    {
        var document = new
        {
            table = table.Id,
            title = table.Title,
            profile = new { profile.Name, profile.Epochs, profile.Seeds, profile.OneVsAllClasses, oneVsAllLimits = profile.OneVsAll, alterationLimits = profile.Alteration, reductions = profile.Reductions },
            substitution = table.Substitution,
            machine = new { Environment.MachineName, Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
            written = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            elapsedSeconds = elapsed.TotalSeconds,
            runCounts = new { planned = counts.Planned, reused = counts.Reused, executed = counts.Executed, otherSettings = counts.OtherSettings, text = counts.Text },
            settings = new
            {
                network = "ResNet18Pretrained (ML.NET's ImageNet ResNet-18)",
                batchSize = 50,
                learningRate = 1e-4,
                headLearningRate = 1e-3,
                weightDecay = 5e-4,
                noiseHeads = 64,
                varianceThreshold = 0.1,
                alpha = 0.9,
                beta = 0.5,
                softBoundaryNu = 0.1,
                eta = 1.0,
                modelSelection = "best validation AUC epoch",
                ocSvm = $"nu 0.1, gamma chosen on validation AUC from scale × {{{string.Join(", ", MethodRunner.GammaMultiples)}}}",
                isolationForest = "100 trees, sample size 256",
                pcaRank = ShallowFeatureSets.PcaRank,
            },
            columns = table.Columns.Select(c => new { c.Id, c.Name, kind = c.Kind.ToString(), testAnomalies = c.TestAnomalies?.Name, trainingAnomalies = c.TrainingAnomalies?.Name, validationAnomalies = c.ValidationAnomalies?.Name, c.HeadLearningRate, c.UseMaxPool, c.PaperColumns }),
            methods = table.Methods.Select(m => new { id = ExperimentRunner.KeyOf(table.Columns[0], 0, 0, m).Method, m.Name, m.Group, settings = m.ToString() }),
            cells = summaries,
            // Pixel ROC AUC and AUPRO (FPR ≤ 0.3) ×100 of the methods with anomaly maps, in the alteration columns.
            localizationCells = localization.Select(l => new { l.Column, l.Method, pixelAuc = l.PixelAuc, pro = l.Pro }),
            runs = results.Values.OrderBy(r => r.Column).ThenBy(r => r.Method).ThenBy(r => r.NormalClass).ThenBy(r => r.Seed)
                .Select(r => new { r.Column, r.Method, r.NormalClass, r.Seed, r.SettingsHash, r.TestAuc, validationAuc = double.IsNaN(r.ValidationAuc) ? (double?)null : r.ValidationAuc,
                    pixelAuc = double.IsNaN(r.PixelAuc) ? (double?)null : r.PixelAuc, pro = double.IsNaN(r.Pro) ? (double?)null : r.Pro,
                    r.SelectedEpoch, r.Collapsed, r.DivergedEpoch, r.Seconds, r.Rows, r.Details }),
            // Every setting of the runs, once per settings hash (the runs' SettingsHash points here).
            runSettings = results.Values.Where(r => r.Settings is not null).GroupBy(r => r.SettingsHash).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Settings),
            paper = new { table.Paper.Columns, rows = table.Paper.Rows.Select(r => new { r.Row, r.Cells }), table.Paper.Note },
        };
        // A cell without runs has mean NaN.
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(document, JsonFileOptions.IndentedWithNamedFloats));
    }

    public static string Markdown(TableSpec table, ReproduceProfile profile, IReadOnlyList<CellSummary> summaries, TimeSpan elapsed, RunCounts? counts = null,
        IReadOnlyList<LocalizationSummary>? localization = null)
    {
        var md = new StringBuilder();
        bool grouped = table.Methods.Any(m => m.Group is not null);
        md.AppendLine($"# Table {table.Id}: {table.Title}").AppendLine();
        md.AppendLine($"Profile **{profile.Name}** ({profile.Reductions}); {elapsed.TotalMinutes:F1} min of compute in this folder's runs.");
        if (counts is not null) md.AppendLine().AppendLine($"Runs: {counts.Text}");
        if (table.Substitution is not null) md.AppendLine().AppendLine($"Data: {table.Substitution}");
        md.AppendLine().AppendLine("## Ours (test ROC AUC ×100, mean ± std over runs; † = a run's final model collapsed; ‡ = a run diverged and " +
            "counts with its best validation epoch before the divergence, as in the paper's Table V)").AppendLine();
        md.Append(grouped ? "| | Models |" : "| Models |");
        foreach (var c in table.Columns) md.Append($" {c.Name} |");
        md.AppendLine().Append(grouped ? "| --- | --- |" : "| --- |");
        foreach (var _ in table.Columns) md.Append(" --- |");
        md.AppendLine();
        foreach (var method in table.Methods)
        {
            string id = ExperimentRunner.KeyOf(table.Columns[0], 0, 0, method).Method;
            md.Append(grouped ? $"| {method.Group} | {method.Name} |" : $"| {method.Name} |");
            foreach (var column in table.Columns)
                md.Append($" {summaries.FirstOrDefault(s => s.Column == column.Id && s.Method == id)?.Text ?? "–"} |");
            md.AppendLine();
        }
        if (localization is { Count: > 0 })
        {
            var columns = table.Columns.Where(c => localization.Any(l => l.Column == c.Id)).ToList();
            md.AppendLine().AppendLine("## Ours, where (pixel ROC AUC / AUPRO up to FPR 0.3, ×100, mean ± std over runs; methods with anomaly maps, alteration columns)").AppendLine();
            md.Append(grouped ? "| | Models |" : "| Models |");
            foreach (var c in columns) md.Append($" {c.Name} |");
            md.AppendLine().Append(grouped ? "| --- | --- |" : "| --- |");
            foreach (var _ in columns) md.Append(" --- |");
            md.AppendLine();
            foreach (var method in table.Methods)
            {
                string id = ExperimentRunner.KeyOf(table.Columns[0], 0, 0, method).Method;
                if (!localization.Any(l => l.Method == id)) continue;
                md.Append(grouped ? $"| {method.Group} | {method.Name} |" : $"| {method.Name} |");
                foreach (var column in columns)
                    md.Append($" {localization.FirstOrDefault(l => l.Column == column.Id && l.Method == id)?.Text ?? "–"} |");
                md.AppendLine();
            }
        }
        if (table.Paper.Rows.Count > 0)
        {
            md.AppendLine().AppendLine("## The paper's").AppendLine();
            md.Append(grouped ? "| | Models |" : "| Models |");
            foreach (var c in table.Paper.Columns) md.Append($" {c} |");
            md.AppendLine().Append(grouped ? "| --- | --- |" : "| --- |");
            foreach (var _ in table.Paper.Columns) md.Append(" --- |");
            md.AppendLine();
            foreach (var (row, cells) in table.Paper.Rows)
            {
                // Grouped rows are written "group | name"; ungrouped rows of a grouped table get an empty group cell.
                string heading = grouped && !row.Contains(" | ", StringComparison.Ordinal) ? " | " + row : row;
                md.AppendLine($"| {heading} | {string.Join(" | ", cells)} |");
            }
        }
        if (table.Paper.Note is not null) md.AppendLine().AppendLine($"Note: {table.Paper.Note}");
        if (table.Paper.Rows.Any(r => r.Row.Contains("GEO", StringComparison.Ordinal)) && !table.Methods.OfType<GeoMethod>().Any())
            md.AppendLine().AppendLine("GEO is not run in this table; its row shows the paper's numbers only.");
        md.AppendLine().AppendLine("Files: `results.json` (every setting and run), `runs/` (one JSON per run, used to resume), `roc-<column>.png`, " +
            "`hist-<column>-<method>.png`" + (table.Columns.Any(c => c.TestAnomalies is not null) ? ", `anomaly-grid.png`" : "") +
            (localization is { Count: > 0 } ? ", `maps-<column>.png` (image, heat map, predicted mask of a few test anomalies, first run of each method with maps)." : "."));
        return md.ToString();
    }
}
