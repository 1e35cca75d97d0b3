using MLNet.DeepSvdd.Cli.Plots;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary><c>deepsvdd evaluate</c>: ROC AUC of a saved model on labeled images, with a ROC curve, a score histogram and a JSON report.</summary>
public sealed class EvaluateCommand : Command<EvaluateCommand.Settings>
{
    public sealed class Settings : ModelDataSettings
    {
        [CommandOption("--out")]
        [Description("Folder for evaluation.json, roc.png and histogram.png.")]
        [DefaultValue("evaluation")]
        public string Output { get; init; } = "evaluation";

        [CommandOption("--anomaly-folder")]
        [Description("evaluate --images: the sub-folder of anomalous images; every other image under --images is normal.")]
        [DefaultValue("anomaly")]
        public string AnomalyFolder { get; init; } = "anomaly";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        Evaluate(settings, line => AnsiConsole.WriteLine(line));
        return ExitCodes.Success;
    }

    /// <summary>Evaluates and writes the report; returns the test ROC AUC.</summary>
    internal static double Evaluate(Settings settings, Action<string> write)
    {
        if (settings.Images is { } images) OutputPath.CheckNotInsideInput(settings.Output, "--out", images, "--images");
        string output = OutputPath.CheckFolder(settings.Output, "--out"); // before any scoring
        foreach (string file in new[] { "evaluation.json", "roc.png", "histogram.png" })
            OutputPath.CheckNotInput(Path.Combine(output, file), "--out", settings.Model, "--model");
        var ml = new MLContext(settings.Seed);
        var model = ml.Model.LoadDeepSvdd(settings.Model, out _);
        IDataView test = settings.Images is { } folder
            ? ImageSources.Folder(folder, settings.AnomalyFolder, settings.Strict, write)
            : ImageSources.Cifar(settings, ImageSources.DefaultTrainLimit).Test.Data;
        var scored = model.Transform(test);
        var metrics = ml.AnomalyDetection.Evaluate(scored, labelColumnName: ProtocolColumns.Label);
        var scores = scored.GetColumn<float>("Score").ToArray();
        var labels = scored.GetColumn<float>(ProtocolColumns.Label).Select(l => l > 0).ToArray();

        string name = Path.GetFileNameWithoutExtension(settings.Model);
        RocCurvePlot.Save(Path.Combine(output, "roc.png"), $"{name}: ROC", [(name, scores, labels, metrics.AreaUnderRocCurve)]);
        ScoreHistogramPlot.Save(Path.Combine(output, "histogram.png"), $"{name}: scores of normal and anomalous images", scores, labels);
        var report = new
        {
            model = Path.GetFullPath(settings.Model),
            data = settings.Images is null ? (settings.Anomaly is null ? $"CIFAR-10 one-vs-all, normal class {settings.NormalClass}" : $"CIFAR-10 alteration setup, {settings.Anomaly}") : Path.GetFullPath(settings.Images),
            rows = scores.Length,
            anomalies = labels.Count(l => l),
            areaUnderRocCurve = metrics.AreaUnderRocCurve,
            detectionRateAtFalsePositiveCount = metrics.DetectionRateAtFalsePositiveCount,
            seed = settings.Seed,
        };
        AtomicFile.WriteAllText(Path.Combine(output, "evaluation.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        write($"ROC AUC {metrics.AreaUnderRocCurve:F4} on {scores.Length} images ({report.anomalies} anomalous); report, roc.png and histogram.png in {output}");
        return metrics.AreaUnderRocCurve;
    }
}
