using MLNet.DeepSvdd.Cli.Commands;

namespace MLNet.DeepSvdd.Cli;

/// <summary>The <c>deepsvdd</c> command-line application: its commands, descriptions and examples.</summary>
public static class CliApp
{
    /// <summary>The tool's version, as <c>deepsvdd --version</c> prints it (the NuGet package version).</summary>
    public static string ToolVersion { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var informational = typeof(CliApp).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        return informational?.Split('+')[0] ?? typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "unknown";
    }

    /// <summary>A configured application; <c>Run(args)</c> executes a command line.</summary>
    /// <param name="console">Where help, version and errors of the command line go (default: the terminal).</param>
    public static CommandApp Create(Spectre.Console.IAnsiConsole? console = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            if (console is not null) config.ConfigureConsole(console);
            config.SetApplicationName("deepsvdd");
            // deepsvdd --version: the package version (informational version without the source-control suffix).
            config.SetApplicationVersion(ToolVersion);
            // One exit-code convention for every command and every kind of error (ExitCodes); DEEPSVDD_TRACE=1 adds the stack trace.
            config.SetExceptionHandler((exception, _) => ExitCodes.Report(exception, console));
            // An unknown option (a typo such as --epoch) is an error, not silently ignored.
            config.UseStrictParsing();
            config.AddCommand<BenchCommand>("bench")
                .WithDescription("Training and scoring throughput on the paper's shapes (batch 50, 3×32×32 / 3×224×224), optionally next to the PyTorch peer.")
                .WithExample("bench")
                .WithExample("bench", "--compare-torch")
                .WithExample("bench", "--sizes", "32,224", "--networks", "resnet18");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Trains a Deep SVDD model on an image folder or a CIFAR-10 setup and saves it as an ML.NET model file.")
                .WithExample("train", "--images", "photos/normal", "--model", "detector.zip")
                .WithExample("train", "--normal-class", "1", "--network", "resnet18pretrained", "--model", "automobile.zip");
            config.AddCommand<EvaluateCommand>("evaluate")
                .WithDescription("ROC AUC of a saved model on labeled images (folder with an 'anomaly' sub-folder, or the CIFAR-10 test split), with ROC and histogram PNGs; for models with anomaly maps also maps.png and, against ground-truth masks, pixel ROC AUC and PRO.")
                .WithExample("evaluate", "--model", "detector.zip", "--images", "photos/test")
                .WithExample("evaluate", "--model", "automobile.zip", "--normal-class", "1");
            config.AddCommand<ScoreCommand>("score")
                .WithDescription("Scores images with a saved model and writes image,score,predicted_anomaly as CSV.")
                .WithExample("score", "--model", "detector.zip", "--images", "photos/incoming", "--out", "scores.csv");
            config.AddCommand<ExportCommand>("export")
                .WithDescription("Writes the Deep SVDD detector of a saved model as an ONNX file, to score with ONNX Runtime alone.")
                .WithExample("export", "--model", "detector.zip", "--onnx", "detector.onnx");
            config.AddCommand<TuneCommand>("tune")
                .WithDescription("Searches Deep SVDD settings and the shallow baselines on a CIFAR-10 setup by validation AUC (successive halving, grid or random) and writes leaderboard.md, .json, .png and the selected model.")
                .WithExample("tune", "--normal-class", "3", "--compare")
                .WithExample("tune", "--anomaly", "strokes1", "--time-budget", "30")
                .WithExample("tune", "--normal-class", "0", "--space", "paper", "--strategy", "grid");
            config.AddCommand<ReproduceCommand>("reproduce")
                .WithDescription("Runs one of the paper's experiments (Tables I–VI, Figure 2) and writes table.md, results.json, ROC and histogram PNGs; resumes when interrupted.")
                .WithExample("reproduce", "--table", "III", "--profile", "smoke")
                .WithExample("reproduce", "--table", "III", "--profile", "cpu")
                .WithExample("reproduce", "--table", "II", "--profile", "full", "--out", "results/table2");
        });
        return app;
    }
}
