using MLNet.DeepSvdd.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

// Tables are wide: when the output is redirected (a log, CI), do not wrap them at the default 80 columns.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("deepsvdd");
    // DEEPSVDD_TRACE=1 shows the full exception (stack trace) instead of Spectre's one-line error.
    if (Environment.GetEnvironmentVariable("DEEPSVDD_TRACE") == "1") config.PropagateExceptions();
    config.AddCommand<BenchCommand>("bench")
        .WithDescription("Training and scoring throughput on the paper's shapes (batch 50, 3×32×32 / 3×224×224), optionally next to the PyTorch peer.")
        .WithExample("bench")
        .WithExample("bench", "--compare-torch")
        .WithExample("bench", "--sizes", "32,224", "--networks", "resnet18");
    config.AddCommand<ReproduceCommand>("reproduce")
        .WithDescription("Runs one of the paper's experiments (Tables I–VI, Figure 2) and writes table.md, results.json, ROC and histogram PNGs; resumes when interrupted.")
        .WithExample("reproduce", "--table", "III", "--profile", "smoke")
        .WithExample("reproduce", "--table", "III", "--profile", "cpu")
        .WithExample("reproduce", "--table", "II", "--profile", "full", "--out", "results/table2");
});
return app.Run(args);
