using MLNet.DeepSvdd.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

// Tables are wide: when the output is redirected (a log, CI), do not wrap them at the default 80 columns.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("deepsvdd");
    config.AddCommand<BenchCommand>("bench")
        .WithDescription("Training and scoring throughput on the paper's shapes (batch 50, 3×32×32 / 3×224×224), optionally next to the PyTorch peer.")
        .WithExample("bench")
        .WithExample("bench", "--compare-torch")
        .WithExample("bench", "--sizes", "32,224", "--networks", "resnet18");
});
return app.Run(args);
