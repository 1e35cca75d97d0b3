using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// Runs every (column, normal class, seed, method) of a table, skipping the runs already stored in the output folder (resume), and
/// returns all results. Splits are built once per (column, class, seed) and shared by the methods; the shallow baselines' features once
/// per split.
/// </summary>
internal sealed class ExperimentRunner
{
    private readonly Cifar10Dataset cifar;
    private readonly ReproduceProfile profile;
    private readonly RunStore store;
    private readonly Action<string> log;
    private readonly Dictionary<bool, PretrainedFeatures> extractors = [];

    public ExperimentRunner(Cifar10Dataset cifar, ReproduceProfile profile, string outputFolder, Action<string> log)
    {
        this.cifar = cifar;
        this.profile = profile;
        store = new RunStore(outputFolder);
        this.log = log;
    }

    /// <summary>The normal classes a column runs: the profile's one-vs-all classes, or −1 (all classes pooled).</summary>
    public IReadOnlyList<int> UnitsOf(ColumnSpec column) => column.PerClass ? profile.OneVsAllClasses : [-1];

    /// <summary>Every run of the table, in execution order, keyed with its settings (<see cref="RunSettings"/>).</summary>
    public IEnumerable<(ColumnSpec Column, int Unit, int Seed, MethodSpec Method, RunKey Key)> Plan(TableSpec table) =>
        from column in table.Columns
        from unit in UnitsOf(column)
        from seed in Enumerable.Range(1, profile.Seeds)
        from method in table.Methods
        select (column, unit, seed, method, KeyOf(column, unit, seed, method) with { Settings = RunSettings.Hash(SettingsOf(column, method)) });

    /// <summary>The key of a run without its settings hash (table cells are named by its column and method).</summary>
    public static RunKey KeyOf(ColumnSpec column, int unit, int seed, MethodSpec method) =>
        new(column.Id, (method.Group is null ? "" : Slug.Of(method.Group) + "-") + method.Id, unit, seed);

    /// <summary>The canonical settings of the runs of <paramref name="method"/> in <paramref name="column"/> under this runner's profile.</summary>
    public string SettingsOf(ColumnSpec column, MethodSpec method) => RunSettings.Canonical(profile, column, method);

    /// <summary>What the last <see cref="Run"/> reused and executed.</summary>
    public RunCounts? Counts { get; private set; }

    /// <summary>Runs the missing runs of the table (none when <paramref name="reportOnly"/>) and returns every stored result.</summary>
    public Dictionary<RunKey, RunResult> Run(TableSpec table, CancellationToken cancellation, bool reportOnly = false)
    {
        var plan = Plan(table).ToList();
        var results = new Dictionary<RunKey, RunResult>();
        foreach (var run in plan)
            if (store.TryLoad(run.Key, SettingsOf(run.Column, run.Method)) is { } stored) results[run.Key] = stored;
        var bases = plan.Select(r => r.Key.BaseName).ToHashSet();
        int others = store.Others(plan.Select(r => r.Key.FileName).ToHashSet()).Count(bases.Contains);
        int reused = results.Count, executed = 0;
        Counts = new RunCounts(plan.Count, reused, executed, others);
        if (others > 0)
            log($"Not reused: {others} stored run(s) of this table's cells in this folder were made with other settings (profile, epochs, limits or method options).");
        if (reportOnly)
        {
            log($"Report only: {results.Count} of {plan.Count} runs are in this folder; cells without runs show –.");
            return results;
        }
        if (results.Count > 0) log($"Resuming: {results.Count} of {plan.Count} runs are already done in this folder and are skipped.");
        var progress = new RunProgress(plan.Count, results.Count, log);
        progress.Show($"Table {table.Id}", () =>
        {
            foreach (var group in plan.Where(r => !results.ContainsKey(r.Key)).GroupBy(r => (r.Column, r.Unit, r.Seed)))
            {
                cancellation.ThrowIfCancellationRequested();
                var (column, unit, seed) = group.Key;
                var splits = Splits(column, unit, seed);
                var ml = new MLContext(seed);
                ShallowFeatureSets? features = null;
                foreach (var run in group)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var result = MethodRunner.Run(ml, run.Method, column, splits, profile, seed,
                        () => features ??= new ShallowFeatureSets(ml, splits, seed, column.UseMaxPool, Extractor));
                    result.Column = run.Key.Column;
                    result.Method = run.Key.Method;
                    result.NormalClass = unit;
                    result.Seed = seed;
                    result.SettingsHash = run.Key.Settings;
                    result.Settings = System.Text.Json.Nodes.JsonNode.Parse(SettingsOf(run.Column, run.Method));
                    store.Save(run.Key, result);
                    results[run.Key] = result;
                    Counts = Counts with { Executed = ++executed };
                    string where = unit >= 0 ? $", class {unit}" : "";
                    progress.Completed($"{column.Name}{where}, seed {seed}: {(run.Method.Group is null ? "" : run.Method.Group + " ")}{run.Method.Name} " +
                        $"AUC {100 * result.TestAuc:F1}{(result.Collapsed ? " (collapsed)" : "")}" +
                        $"{(result.DivergedEpoch is { } d ? $" (diverged in epoch {d}, kept epoch {result.SelectedEpoch})" : "")}" +
                        $"{(double.IsNaN(result.PixelAuc) ? "" : $", pixel AUC {100 * result.PixelAuc:F1}, PRO {100 * result.Pro:F1}")} in {result.Seconds:F1} s");
                }
            }
        });
        foreach (var extractor in extractors.Values) extractor.Dispose();
        extractors.Clear();
        return results;
    }

    private PretrainedFeatures Extractor(bool useMaxPool)
    {
        if (!extractors.TryGetValue(useMaxPool, out var extractor))
            extractors[useMaxPool] = extractor = new PretrainedFeatures(Cifar10Image.Height, Cifar10Image.Width, useMaxPool,
                resolution: profile.InputResolution ?? DeepSvddTrainer.Defaults.PretrainedResolution);
        return extractor;
    }

    /// <summary>The protocol split of a column for one normal class and seed.</summary>
    public ProtocolSplits Splits(ColumnSpec column, int unit, int seed) => column.Kind switch
    {
        ColumnKind.OneVsAll => OneVsAllProtocol.Create(cifar, unit, seed, profile.OneVsAll),
        ColumnKind.Alteration => AlterationProtocol.Create(cifar, column.TestAnomalies!, seed, profile.Alteration),
        ColumnKind.SemiSupervisedOneVsAll => SemiSupervisedProtocol.OneVsAll(cifar, unit, LabeledAnomalyClass(unit, seed), seed, profile.OneVsAll),
        ColumnKind.SemiSupervisedAlteration => SemiSupervisedProtocol.Alteration(cifar, column.TrainingAnomalies!,
            column.ValidationAnomalies ?? column.TestAnomalies!, column.TestAnomalies!, seed, profile.Alteration),
        _ => throw new NotSupportedException(column.Kind.ToString()),
    };

    /// <summary>Table VI one-vs-all: the labeled anomaly class of a run, (normal + seed) mod 10, skipping the normal class.</summary>
    public static int LabeledAnomalyClass(int normalClass, int seed)
    {
        int c = (normalClass + seed) % 10;
        return c == normalClass ? (c + 1) % 10 : c;
    }
}
