using System.Text.Json;
using MLNet.DeepSvdd.Cli.Commands;
using MLNet.DeepSvdd.Cli.Plots;
using MLNet.DeepSvdd.Cli.Reproduce;

namespace MLNet.DeepSvdd.Tests.Cli;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class ReproduceCommandTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Smoke_reproduction_of_table_III_writes_every_output_and_resumes_without_rerunning()
    {
        string folder = Path.Combine(Path.GetTempPath(), "deepsvdd-repro-" + Guid.NewGuid().ToString("N"));
        try
        {
            var log = new List<string>();
            var first = Stopwatch.StartNew();
            string tablePath = Reproduction.Run("III", "smoke", folder, Cifar10Data.Directory, seeds: null, log.Add);
            first.Stop();

            var spec = PaperTables.Get("III");
            int expectedRuns = spec.Columns.Count * spec.Methods.Count; // smoke: one normal class, one seed
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json")));
            var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
            runs.Should().HaveCount(expectedRuns);
            runs.Select(r => r.GetProperty("TestAuc").GetDouble()).Should().OnlyContain(a => a >= 0 && a <= 1);
            json.RootElement.GetProperty("cells").GetArrayLength().Should().Be(expectedRuns);
            json.RootElement.GetProperty("profile").GetProperty("reductions").GetString().Should().Contain("instead of 30");

            // Each stored AUC agrees with an independent Mann–Whitney count over the stored test scores.
            foreach (string file in Directory.GetFiles(Path.Combine(folder, "runs"), "*.json"))
            {
                var run = RunStore.Read(file);
                run.Scores.Should().HaveCount(run.Labels.Length).And.HaveCount(run.Rows[2]);
                run.TestAuc.Should().BeApproximately(MannWhitneyAuc(run.Scores, run.Labels), 1e-6, file);
            }

            string table = File.ReadAllText(tablePath);
            foreach (var method in spec.Methods) table.Should().Contain($"| {method.Name} |");
            spec.Methods.OfType<GeoMethod>().Should().ContainSingle("Table III compares with GEO");
            table.Should().NotContain("paper's numbers only", "GEO runs like every other row");
            table.Should().Contain("| One-vs-all | Strokes 1 |").And.Contain("68.6±6.4", "the paper's own numbers are shown");

            var pngs = new[] { "roc-one-vs-all.png", "roc-strokes-1.png", "anomaly-grid.png" }
                .Concat(spec.Columns.SelectMany(c => spec.Methods.Select(m => $"hist-{c.Id}-{m.Id}.png")));
            foreach (string png in pngs)
            {
                var bytes = File.ReadAllBytes(Path.Combine(folder, png));
                bytes.Take(8).Should().Equal(PngSignature, png);
                bytes.Length.Should().BeGreaterThan(1000, png);
            }

            log.Should().NotContain(l => l.StartsWith("Resuming"));
            log.Should().Contain($"Runs: 0 of {expectedRuns} runs reused from this folder (same settings), {expectedRuns} run now.");
            json.RootElement.GetProperty("runCounts").GetProperty("executed").GetInt32().Should().Be(expectedRuns);
            var runSettings = json.RootElement.GetProperty("runSettings");
            foreach (var run in runs)
                runSettings.GetProperty(run.GetProperty("SettingsHash").GetString()!).GetProperty("profile").GetProperty("Name").GetString().Should().Be("smoke");
            Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty("every output is renamed into place");
            var stamps = Directory.GetFiles(Path.Combine(folder, "runs")).ToDictionary(f => f, File.GetLastWriteTimeUtc);
            var again = new List<string>();
            var second = Stopwatch.StartNew();
            Reproduction.Run("III", "smoke", folder, Cifar10Data.Directory, seeds: null, again.Add);
            second.Stop();
            again.Should().Contain($"Resuming: {expectedRuns} of {expectedRuns} runs are already done in this folder and are skipped.");
            again.Should().Contain($"Runs: {expectedRuns} of {expectedRuns} runs reused from this folder (same settings), 0 run now.");
            File.ReadAllText(tablePath).Should().Contain($"Runs: {expectedRuns} of {expectedRuns} runs reused from this folder (same settings), 0 run now.");
            using (var reread = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json"))))
            {
                var counts = reread.RootElement.GetProperty("runCounts");
                counts.GetProperty("reused").GetInt32().Should().Be(expectedRuns);
                counts.GetProperty("executed").GetInt32().Should().Be(0);
            }
            again.Should().NotContain(l => l.StartsWith('['), "no run is repeated");
            Directory.GetFiles(Path.Combine(folder, "runs")).ToDictionary(f => f, File.GetLastWriteTimeUtc).Should().Equal(stamps);

            // --report-only: reports from the stored runs, a missing run shows as –, and nothing is run.
            File.Delete(Directory.GetFiles(Path.Combine(folder, "runs"), "strokes-1__d-svdd-w-bias__*.json").Single());
            var report = new List<string>();
            Reproduction.Run("III", "smoke", folder, Cifar10Data.Directory, seeds: null, report.Add, reportOnly: true);
            report.Should().Contain($"Report only: {expectedRuns - 1} of {expectedRuns} runs are in this folder; cells without runs show –.");
            Directory.GetFiles(Path.Combine(folder, "runs")).Should().HaveCount(expectedRuns - 1);
            File.ReadAllText(tablePath).Should().MatchRegex(@"\| D\. SVDD w/ bias \| [0-9.]+±[0-9.]+ \| – \|");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_what_is_expected()
    {
        new ReproduceCommand.Settings { Table = "VII" }.Validate().Message.Should().Contain("Unknown table 'VII'").And.Contain("fig2");
        new ReproduceCommand.Settings { Table = "" }.Validate().Message.Should().Contain("--table is required");
        new ReproduceCommand.Settings { Table = "III", Profile = "gpu" }.Validate().Message.Should().Contain("Expected smoke, cpu or full");
        new ReproduceCommand.Settings { Table = "3", Profile = "smoke", Seeds = 0 }.Validate().Successful.Should().BeFalse();
        new ReproduceCommand.Settings { Table = "3", Profile = "smoke" }.Validate().Successful.Should().BeTrue("'3' means Table III");

        var missing = Path.Combine(Path.GetTempPath(), "no-such-cifar-" + Guid.NewGuid().ToString("N"));
        var act = () => Reproduction.Run("III", "smoke", Path.Combine(missing, "out"), missing, null, _ => { });
        act.Should().Throw<DirectoryNotFoundException>().WithMessage($"*{missing}*DEEPSVDD_CIFAR10_DIR*");
        Directory.Exists(Path.Combine(missing, "out")).Should().BeFalse("nothing is written before the data is found");
    }

    [Fact]
    public void Every_table_is_runnable_and_its_paper_numbers_have_one_cell_per_paper_column()
    {
        foreach (string id in PaperTables.Ids)
        {
            var table = PaperTables.Get(id);
            table.Columns.Should().NotBeEmpty(id);
            table.Methods.Should().NotBeEmpty(id);
            table.Paper.Rows.Where(r => r.Cells.Length != table.Paper.Columns.Count).Should().BeEmpty(id);
            table.Columns.Select(c => c.Id).Should().OnlyHaveUniqueItems(id);
            table.Methods.Select(m => ExperimentRunner.KeyOf(table.Columns[0], 0, 1, m).Method).Should().OnlyHaveUniqueItems(id);
            foreach (var column in table.Columns.Where(c => !c.PerClass)) column.TestAnomalies.Should().NotBeNull(id);
        }
        foreach (string id in new[] { "I", "IV" })
        {
            var table = PaperTables.Get(id);
            var cells = table.Columns.Select(c => new CellSummary(c.Id, "x", 50, 0, 1, 0)).ToList();
            var lines = ReportWriter.Markdown(table, ReproduceProfile.Smoke, cells, TimeSpan.Zero).Split('\n').Where(l => l.StartsWith('|')).ToList();
            int ours = table.Columns.Count + 2, paper = table.Paper.Columns.Count + 2; // group and name cells, then one per column
            foreach (string line in lines)
            {
                int count = line.Count(c => c == '|') - 1;
                count.Should().BeOneOf([ours, paper], $"every row of Table {id}'s Markdown has as many cells as its header: {line}");
            }
        }
        PaperTables.Get("IV").Methods.OfType<DeepSvddMethod>().Count(m => m.Objective == DeepSvddObjective.SoftBoundary).Should().Be(4);
        PaperTables.Get("I").Methods.OfType<DeepSvddMethod>().Count(m => m.Weighting == RegularizerWeighting.Fixed).Should().Be(2);
        PaperTables.Get("V").Columns.Select(c => c.HeadLearningRate).Should().Equal(1e-3f, 1e-2f, 1e-1f, 1e-3f, 1e-2f, 1e-1f);
        Slug.Of("Bp. 8×8, lr 10⁻²").Should().Be("bp-8x8-lr-10-2");
        PaperTables.Get("fig2").Columns.Select(c => c.UseMaxPool).Should().Equal(true, false, true, false);
    }

    [Fact]
    public void Semi_supervised_one_vs_all_never_labels_the_normal_class_as_anomalous()
    {
        for (int normal = 0; normal < 10; normal++)
        {
            var classes = Enumerable.Range(1, 9).Select(seed => ExperimentRunner.LabeledAnomalyClass(normal, seed)).ToList();
            classes.Should().NotContain(normal).And.OnlyHaveUniqueItems("nine seeds cover the nine anomaly classes, as the paper's 9 × 5 runs do");
        }
    }

    [Fact]
    public void Cell_summary_is_mean_and_sample_std_times_100()
    {
        var cell = CellSummary.Of("c", "m", [0.6, 0.8], collapsed: 1);
        cell.Mean.Should().BeApproximately(70, 1e-9);
        cell.Std.Should().BeApproximately(100 * Math.Sqrt(0.02), 1e-9); // ((−0.1)² + 0.1²) / (2 − 1)
        cell.Text.Should().Be("70.0±14.1†");
        CellSummary.Of("c", "m", [0.5], 0).Text.Should().Be("50.0±0.0");
        CellSummary.Of("c", "m", [0.5, 0.7], 0, diverged: 1).Text.Should().Be("60.0±14.1‡");
    }

    [Fact]
    public void Figure_1_draws_each_variant_s_auc_minus_the_standard_model_s_against_the_learning_rate()
    {
        var table = PaperTables.Get("V");
        var bp2 = table.Columns.Where(c => c.Id.StartsWith("bp-2x2", StringComparison.Ordinal)).ToList();
        string Id(MethodSpec m) => ExperimentRunner.KeyOf(bp2[0], 0, 0, m).Method;
        var defaults = table.Methods.Where(m => m.Group is null).ToList(); // standard, w/ bias, noise, σ²
        // Hand-made cells (AUC ×100) at 1e-3 and 1e-2; 1e-1 has no runs for the standard model and drops out.
        var cells = new List<CellSummary>
        {
            new(bp2[0].Id, Id(defaults[0]), 60, 0, 1, 0), new(bp2[0].Id, Id(defaults[1]), 74, 0, 1, 0),
            new(bp2[0].Id, Id(defaults[2]), 73, 0, 1, 0), new(bp2[0].Id, Id(defaults[3]), 75, 0, 1, 0),
            new(bp2[1].Id, Id(defaults[0]), 56, 0, 1, 0), new(bp2[1].Id, Id(defaults[1]), 58, 0, 1, 0),
            new(bp2[1].Id, Id(defaults[2]), 59, 0, 1, 0), new(bp2[1].Id, Id(defaults[3]), 55, 0, 1, 0),
            new(bp2[2].Id, Id(defaults[0]), double.NaN, 0, 0, 0), new(bp2[2].Id, Id(defaults[2]), 50, 0, 1, 1),
        };

        var lines = LearningRatePlot.Lines(table, cells);

        lines.Select(l => l.Variant).Should().Equal(defaults.Skip(1).Select(m => m.Name), "one line per variant; the recipe group has no cells");
        lines.Should().OnlyContain(l => l.Panel == bp2[0].TestAnomalies!.Name);
        lines[0].Points.Should().Equal([(1e-3f, 14.0), (1e-2f, 2.0)]);  // 74 − 60, 58 − 56
        lines[1].Points.Should().Equal([(1e-3f, 13.0), (1e-2f, 3.0)]);  // 73 − 60, 59 − 56
        lines[2].Points.Should().Equal([(1e-3f, 15.0), (1e-2f, -1.0)]); // 75 − 60, 55 − 56
        string png = Path.Combine(Path.GetTempPath(), $"figure1-{Guid.NewGuid():N}.png");
        try
        {
            LearningRatePlot.Save(png, lines).Should().BeTrue();
            File.ReadAllBytes(png).Take(4).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
            LearningRatePlot.Save(png, []).Should().BeFalse("nothing to draw for tables without learning-rate columns");
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Fact]
    public void Roc_points_and_histogram_counts_match_hand_derived_values()
    {
        // Scores 0.9 (anomaly), 0.8 (normal), 0.8 (anomaly), 0.1 (normal): the tie at 0.8 is one diagonal step.
        var (fpr, tpr) = RocCurvePlot.Points([0.9f, 0.8f, 0.8f, 0.1f], [true, false, true, false]);
        fpr.Should().Equal(0, 0, 0.5, 1);
        tpr.Should().Equal(0, 0.5, 1, 1);
        ScoreHistogramPlot.Counts([0, 0.5, 1, 2, -3], min: 0, max: 2, bins: 2).Should().Equal(3, 2); // out-of-range values clamp to the end bins
        var act = () => RocCurvePlot.Points([1f, 2f], [true, true]);
        act.Should().Throw<ArgumentException>().WithMessage("*both normal and anomalous*");
    }

    private static double MannWhitneyAuc(float[] scores, bool[] anomalous)
    {
        double wins = 0;
        int pairs = 0;
        for (int i = 0; i < scores.Length; i++)
            for (int j = 0; j < scores.Length; j++)
                if (anomalous[i] && !anomalous[j])
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
        return wins / pairs;
    }
}
