using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using MLNet.DeepSvdd.Cli.Benchmarks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary><c>deepsvdd bench</c>: one table of training and scoring throughput, optionally next to the PyTorch peer.</summary>
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

        public override ValidationResult Validate()
        {
            if (Epochs < 1) return ValidationResult.Error("--epochs must be ≥ 1.");
            if (Images is < 50) return ValidationResult.Error("--images must be ≥ 50 (one batch).");
            try { _ = Cases(); }
            catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
            return ValidationResult.Success();
        }

        public List<BenchCase> Cases()
        {
            static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var networks = Split(Networks).Select(n => n.ToLowerInvariant() switch
            {
                "lenet" => DeepSvddNetwork.LeNet,
                "resnet18" => DeepSvddNetwork.ResNet18,
                "resnet18pretrained" => DeepSvddNetwork.ResNet18Pretrained,
                _ => throw new ArgumentException($"Unknown network '{n}' in --networks (lenet, resnet18, resnet18pretrained)."),
            }).ToList();
            var regularizers = Split(Regularizers).Select(r => r.ToLowerInvariant() switch
            {
                "none" => CollapseRegularizer.None,
                "noise" => CollapseRegularizer.NoiseInjection,
                "variance" => CollapseRegularizer.VarianceHinge,
                _ => throw new ArgumentException($"Unknown regularizer '{r}' in --regularizers (none, noise, variance)."),
            }).ToList();
            var sizes = Split(Sizes).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v is 32 or 224
                ? v : throw new ArgumentException($"--sizes takes 32 and/or 224, got '{s}'.")).ToList();
            return [.. from size in sizes from network in networks from regularizer in regularizers select new BenchCase(network, regularizer, size)];
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
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
        foreach (var header in new[] { "case", "train steps", "Fit path", "bare fwd", "Transform", "PredEngine", "reloaded", "peak MB" })
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
            var cells = new List<string> { Markup.Escape(r.Case.Name), F(r.TrainSteps), F(r.FitPath), F(r.BareForward), F(r.Transform), F(r.PredictionEngine), F(r.Reloaded), F(r.PeakMemoryMb) };
            if (peer is not null)
                cells.AddRange(t is null ? ["-", "-", "-", "-"] : [F(t.Train), $"{r.TrainSteps / t.Train:F2}", F(t.Score), $"{r.Transform / t.Score:F2}"]);
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("train steps: optimizer steps on data on the device (epochs after the first); Fit path: the whole Fit from an IDataView; " +
            "bare fwd: network + distance on a device tensor; reloaded: Transform after Model.Save and LoadDeepSvdd." +
            (peer is not null ? " torch: the peer's --bench (random tensors), the mean of a run before and after ours; score ratio compares Transform with it." : ""));
        if (settings.Json is not null)
        {
            File.WriteAllText(settings.Json, JsonSerializer.Serialize(results.Select(x => new { x.Ours, x.Torch, Case = x.Ours.Case.Name }),
                new JsonSerializerOptions { WriteIndented = true }));
            AnsiConsole.MarkupLine($"Wrote {Markup.Escape(settings.Json)}.");
        }
        return 0;
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
