using System.Runtime.InteropServices;
using MLNet.DeepSvdd.Cli.Benchmarks;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// <c>deepsvdd bench</c>: one table of training and scoring throughput, optionally next to the PyTorch peer, and where the Fit time goes.
/// With <c>--scaling</c>: how training time and memory grow with the number of images and the image size, and scoring throughput against
/// the batch size, as tables, scaling.json, scaling.md and PNG plots. <c>--memory-epochs N</c> adds the working set after each of N epochs.
/// </summary>
public sealed class BenchCommand : Command<BenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--networks")]
        [Description("Comma-separated: lenet, resnet18, resnet18pretrained.")]
        [DefaultValue("lenet,resnet18,resnet18pretrained")]
        public string Networks { get; init; } = "lenet,resnet18,resnet18pretrained";

        [CommandOption("--regularizers")]
        [Description("Comma-separated: none, noise, variance.")]
        [DefaultValue("none,noise,variance")]
        public string Regularizers { get; init; } = "none,noise,variance";

        [CommandOption("--sizes")]
        [Description("Comma-separated image sizes: 32 and/or 224.")]
        [DefaultValue("32")]
        public string Sizes { get; init; } = "32";

        [CommandOption("--images")]
        [Description("Training images per case (default 1000 at 32 px, 100 at 224 px).")]
        public int? Images { get; init; }

        [CommandOption("--epochs")]
        [Description("Epochs per case; the first is warm-up and excluded from the step rate.")]
        [DefaultValue(3)]
        public int Epochs { get; init; } = 3;

        [CommandOption("--compare-torch")]
        [Description("Also run the reference PyTorch script on the same shapes, before and after each case, and print ours/PyTorch.")]
        public bool CompareTorch { get; init; }

        [CommandOption("--peer")]
        [Description("Path of torch_deepsvdd.py (default: DEEPSVDD_TORCH_PEER or shared/peers/ above the current folder).")]
        public string? Peer { get; init; }

        [CommandOption("--json")]
        [Description("Also write every figure to this JSON file.")]
        public string? Json { get; init; }

        [CommandOption("--scaling")]
        [Description("Measure scaling instead: training time and memory vs images and image size, scoring throughput vs batch size.")]
        public bool Scaling { get; init; }

        [CommandOption("--network")]
        [Description("With --scaling: the network (lenet, resnet18, resnet18pretrained).")]
        [DefaultValue("lenet")]
        [TypeConverter(typeof(BenchNetworkSpellings))]
        public DeepSvddNetwork Network { get; init; } = DeepSvddNetwork.LeNet;

        [CommandOption("--scaling-images")]
        [Description("With --scaling: comma-separated image counts, trained at 32 px.")]
        [DefaultValue("1000,5000,10000,20000,40000")]
        public string ScalingImages { get; init; } = "1000,5000,10000,20000,40000";

        [CommandOption("--scaling-sizes")]
        [Description("With --scaling: comma-separated image sizes (px), trained with --scaling-size-images images.")]
        [DefaultValue("32,64,128,224")]
        public string ScalingSizes { get; init; } = "32,64,128,224";

        [CommandOption("--scaling-size-images")]
        [Description("With --scaling: images per fit of the image-size sweep.")]
        [DefaultValue(1000)]
        public int ScalingSizeImages { get; init; } = 1000;

        [CommandOption("--scaling-batch-sizes")]
        [Description("With --scaling: comma-separated scoring batch sizes (DeepSvddTransformer.ScoringBatchSize).")]
        [DefaultValue("1,16,64,256,1024")]
        public string ScalingBatchSizes { get; init; } = "1,16,64,256,1024";

        [CommandOption("--scaling-score-images")]
        [Description("With --scaling: images scored per batch size.")]
        [DefaultValue(5000)]
        public int ScalingScoreImages { get; init; } = 5000;

        [CommandOption("--scaling-score-size")]
        [Description("With --scaling: image size (px) of the scoring sweep.")]
        [DefaultValue(32)]
        public int ScalingScoreSize { get; init; } = 32;

        [CommandOption("--memory-epochs")]
        [Description("Also train this many epochs recording the working set after each (after a full GC), to show memory does not grow; 0 = off.")]
        [DefaultValue(0)]
        public int MemoryEpochs { get; init; }

        [CommandOption("--out")]
        [Description("With --scaling: folder for scaling.json, scaling.md and the PNG plots.")]
        [DefaultValue("bench-scaling")]
        public string Out { get; init; } = "bench-scaling";

        public override ValidationResult Validate()
        {
            if (Epochs < 1) return ValidationResult.Error("--epochs must be ≥ 1.");
            if (Images is < 50) return ValidationResult.Error("--images must be ≥ 50 (one batch).");
            if (MemoryEpochs < 0) return ValidationResult.Error($"--memory-epochs must be ≥ 0, got {MemoryEpochs}.");
            try
            {
                if (Scaling) _ = Plan();
                else _ = Cases();
            }
            catch (Exception e) when (e is ArgumentException or OptionValueException) { return ValidationResult.Error(e.Message); }
            return ValidationResult.Success();
        }

        /// <summary>The --scaling options as a plan; throws <see cref="ArgumentException"/> naming the bad option.</summary>
        public ScalingPlan Plan()
        {
            if (Epochs < 1) throw new ArgumentException($"--epochs must be ≥ 1, got {Epochs}.");
            if (MemoryEpochs < 0) throw new ArgumentException($"--memory-epochs must be ≥ 0, got {MemoryEpochs}.");
            var network = Network;
            int minSize = network == DeepSvddNetwork.LeNet ? 8 : 16;
            var images = Integers(ScalingImages, "--scaling-images", 50, 10_000_000, "an image count ≥ 50 (one batch)");
            var sizes = Integers(ScalingSizes, "--scaling-sizes", minSize, 1024, $"a size from {minSize} to 1024 px for {network}");
            var batches = Integers(ScalingBatchSizes, "--scaling-batch-sizes", 1, 1 << 20, "a batch size ≥ 1");
            if (ScalingSizeImages < 50) throw new ArgumentException($"--scaling-size-images must be ≥ 50 (one batch), got {ScalingSizeImages}.");
            if (ScalingScoreImages < 1) throw new ArgumentException($"--scaling-score-images must be ≥ 1, got {ScalingScoreImages}.");
            if (ScalingScoreSize < minSize || ScalingScoreSize > 1024)
                throw new ArgumentException($"--scaling-score-size must be from {minSize} to 1024 px for {network}, got {ScalingScoreSize}.");
            return new ScalingPlan(network, Epochs, images, 32, sizes, ScalingSizeImages, batches, ScalingScoreImages, MemoryEpochs, ScalingScoreSize);
        }

        private static List<int> Integers(string list, string option, int min, int max, string expected)
        {
            var values = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max
                    ? v : throw new ArgumentException($"{option} takes comma-separated integers, each {expected}; got '{s}'."))
                .ToList();
            if (values.Count == 0) throw new ArgumentException($"{option} needs at least one value.");
            return values;
        }

        public List<BenchCase> Cases()
        {
            static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var networks = new BenchNetworkSpellings().ParseList(Networks, "--networks");
            var regularizers = new RegularizerSpellings().ParseList(Regularizers, "--regularizers");
            var sizes = Split(Sizes).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v is 32 or 224
                ? v : throw new ArgumentException($"--sizes takes 32 and/or 224, got '{s}'.")).ToList();
            return [.. from size in sizes from network in networks from regularizer in regularizers select new BenchCase(network, regularizer, size)];
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Destinations are checked before the (long) measurements.
        if (settings.Json is not null) Files.OutputPath.CheckFile(settings.Json, "--json");
        if (settings.Scaling)
        {
            Files.OutputPath.CheckFolder(settings.Out, "--out");
            return ExecuteScaling(settings);
        }
        var cases = settings.Cases();
        var peer = settings.CompareTorch ? TorchPeer.Locate(settings.Peer) : null;
        AnsiConsole.MarkupLine($"[bold]deepsvdd bench[/] — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
            $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}; batch 50, w/ bias, images/s");
        var results = new List<(BenchResult Ours, PeerResult? Torch)>();
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("benchmark", maxValue: cases.Count);
                foreach (var c in cases)
                {
                    task.Description = Markup.Escape(c.Name);
                    int images = settings.Images ?? (c.Size >= 224 ? 100 : 1000);
                    PeerResult? before = peer is not null && c.PeerNetwork is not null ? TryPeer(peer, c, images) : null;
                    var ours = DeepSvddBench.Run(c, images, settings.Epochs);
                    PeerResult? after = before is not null ? TryPeer(peer!, c, images) : null;
                    var torch = before is null || after is null ? null : new PeerResult((before.Train + after.Train) / 2, (before.Score + after.Score) / 2);
                    results.Add((ours, torch));
                    task.Increment(1);
                }
            });

        var table = new Table().RoundedBorder();
        foreach (var header in new[] { "case", "train steps", "Fit path", "bare fwd", "Transform", "PredEngine", "reloaded", "w/ maps", "map cost", "peak MB" })
            table.AddColumn(new TableColumn(header).RightAligned());
        if (peer is not null)
        {
            table.AddColumn(new TableColumn("torch train").RightAligned());
            table.AddColumn(new TableColumn("ratio train").RightAligned());
            table.AddColumn(new TableColumn("torch score").RightAligned());
            table.AddColumn(new TableColumn("ratio score").RightAligned());
        }
        foreach (var (r, t) in results)
        {
            var cells = new List<string> { Markup.Escape(r.Case.Name), F(r.TrainSteps), F(r.FitPath), F(r.BareForward), F(r.Transform), F(r.PredictionEngine), F(r.Reloaded),
                r.TransformWithMaps is double m ? F(m) : "-", r.MapCost is double cost ? $"{100 * cost:F0} %" : "-", F(r.PeakMemoryMb) };
            if (peer is not null)
                cells.AddRange(t is null ? ["-", "-", "-", "-"] : [F(t.Train), $"{r.TrainSteps / t.Train:F2}", F(t.Score), $"{r.Transform / t.Score:F2}"]);
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.Write(PhaseTable(results.Select(r => (r.Ours.Case.Name, r.Ours.Phases))));
        AnsiConsole.MarkupLine("train steps: optimizer steps on data on the device (epochs after the first); Fit path: the whole Fit from an IDataView; " +
            "bare fwd: network + distance on a device tensor; reloaded: Transform after Model.Save and LoadDeepSvdd; w/ maps: Transform of the same " +
            "network with both branches (Representation = PooledAndPatches, one epoch), reading Score, AnomalyMap and PredictedMask (ResNets only); " +
            "map cost: 1 − w/ maps / Transform (both the best of three passes); peak MB: the highest working set during the case." +
            (peer is not null ? " torch: the peer's --bench (random tensors), the mean of a run before and after ours; score ratio compares Transform with it." : ""));
        if (settings.Json is not null)
        {
            AtomicFile.WriteAllText(settings.Json, JsonSerializer.Serialize(results.Select(x => new { x.Ours, x.Torch, Case = x.Ours.Case.Name }),
                JsonFileOptions.Indented));
            AnsiConsole.MarkupLine($"Wrote {Markup.Escape(settings.Json)}.");
        }
        if (settings.MemoryEpochs > 0)
        {
            var c = cases[0];
            int images = settings.Images ?? (c.Size >= 224 ? 100 : 1000);
            AnsiConsole.MarkupLine($"Working set after each of {settings.MemoryEpochs} epochs ({Markup.Escape(c.Network.ToString())}, {images} images at {c.Size} px):");
            WriteMemory(ScalingBench.MeasureEpochMemory(c.Network, images, c.Size, settings.MemoryEpochs));
        }
        return 0;
    }

    /// <summary>Runs the --scaling sweeps and writes scaling.json, scaling.md and the PNG plots into --out; returns the result and the files.</summary>
    public static (ScalingResult Result, IReadOnlyList<string> Files) Scaling(Settings settings, Action<string>? status = null)
    {
        var plan = settings.Plan();
        var result = ScalingBench.Run(plan, status);
        var (json, markdown) = ScalingReport.Write(result, settings.Out);
        var plots = Plots.ScalingPlot.SaveAll(result, settings.Out);
        return (result, [json, markdown, .. plots]);
    }

    private static int ExecuteScaling(Settings settings)
    {
        AnsiConsole.MarkupLine($"[bold]deepsvdd bench --scaling[/] — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Markup.Escape(ScalingBench.Machine())}; " +
            "synthetic images, batch 50, w/ bias");
        var run = AnsiConsole.Status().Start("scaling", ctx => Scaling(settings, s => ctx.Status(Markup.Escape(s))));
        var r = run.Result;
        AnsiConsole.MarkupLine($"Training vs the number of images ({(r.ByImages.Count > 0 ? r.ByImages[0].Size : 32)} px):");
        AnsiConsole.Write(Table(ScalingReport.FitHeaders, r.ByImages.Select(ScalingReport.FitCells)));
        AnsiConsole.MarkupLine($"Training vs the image size ({settings.ScalingSizeImages} images):");
        AnsiConsole.Write(Table(ScalingReport.FitHeaders, r.BySize.Select(ScalingReport.FitCells)));
        AnsiConsole.MarkupLine("Where the Fit time goes (seconds, share of Fit):");
        AnsiConsole.Write(Table(ScalingReport.PhaseHeaders, r.ByImages.Concat(r.BySize).Select(ScalingReport.PhaseCells)));
        AnsiConsole.MarkupLine("Transform throughput vs the scoring batch size:");
        AnsiConsole.Write(Table(ScalingReport.ScoringHeaders, r.ByBatchSize.Select(ScalingReport.ScoringCells)));
        if (r.MemoryByEpoch is { } memory)
        {
            AnsiConsole.MarkupLine($"Working set after each epoch ({memory.Images} images at {memory.Size} px):");
            WriteMemory(memory);
        }
        foreach (var file in run.Files) AnsiConsole.MarkupLine($"Wrote {Markup.Escape(file)}.");
        return 0;
    }

    private static void WriteMemory(EpochMemoryRun memory)
    {
        AnsiConsole.Write(Table(ScalingReport.MemoryHeaders, memory.Epochs.Select(e => ScalingReport.MemoryCells(e, memory.Epochs[0]))));
        AnsiConsole.MarkupLine(Markup.Escape(ScalingReport.MemorySummary(memory)));
    }

    private static Table PhaseTable(IEnumerable<(string Name, PhaseBreakdown Phases)> rows)
    {
        string Share(double seconds, double total) => $"{seconds:F2} ({100 * seconds / total:F0}%)";
        var headers = new[] { "Fit phases (s)", "Fit", "loading", "input stats", "centre", "steps", "validation", "final pass", "other" };
        return Table(headers, rows.Select(r => new[] { r.Name, $"{r.Phases.Total:F2}" }
            .Concat(r.Phases.Phases.Select(p => Share(p.Seconds, r.Phases.Total))).Append(Share(r.Phases.Other, r.Phases.Total)).ToArray()));
    }

    private static Table Table(IEnumerable<string> headers, IEnumerable<string[]> rows)
    {
        var table = new Table().RoundedBorder();
        foreach (var header in headers) table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        return table;
    }

    private static PeerResult? TryPeer(TorchPeer peer, BenchCase c, int images)
    {
        try
        {
            return peer.Run(c, Math.Max(5, images / 50));
        }
        catch (InvalidOperationException e)
        {
            AnsiConsole.MarkupLine($"[yellow]PyTorch peer skipped for {Markup.Escape(c.Name)}:[/] {Markup.Escape(e.Message.Split('\n').Last())}");
            return null;
        }
    }

    private static string F(double value) => value.ToString("F0", CultureInfo.InvariantCulture);
}
