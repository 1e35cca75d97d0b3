using System.Text.Json.Nodes;
using MLNet.DeepSvdd.Cli.Plots;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// <c>deepsvdd evaluate</c>: ROC AUC of a saved model on labeled images, with a ROC curve, a score histogram and a JSON report. A model
/// with anomaly maps (<see cref="DeepSvddTransformer.HasAnomalyMap"/>) also gets <c>maps.png</c> (heat-map overlays of the most anomalous
/// test images) and, when the data has ground-truth masks (the CIFAR-10 alteration setups, or <c>--images</c> with <c>--masks</c>), the
/// pixel ROC AUC and PRO of <c>EvaluateLocalization</c> in the console and in evaluation.json ("localization").
/// </summary>
public sealed class EvaluateCommand : Command<EvaluateCommand.Settings>
{
    public sealed class Settings : ModelDataSettings
    {
        [CommandOption("--out")]
        [Description("Folder for evaluation.json, roc.png and histogram.png (and maps.png for models with anomaly maps).")]
        [DefaultValue("evaluation")]
        public string Output { get; init; } = "evaluation";

        [CommandOption("--anomaly-folder")]
        [Description("evaluate --images: the sub-folder of anomalous images; every other image under --images is normal.")]
        [DefaultValue("anomaly")]
        public string AnomalyFolder { get; init; } = "anomaly";

        [CommandOption("--masks")]
        [Description("evaluate --images, models with anomaly maps: a folder of ground-truth defect masks, one per test image at the same path " +
            "relative to --images (same name, any image extension; non-zero = defect; an image without a mask has no defect). Adds pixel ROC AUC " +
            "and PRO to the report. Keep it outside --images.")]
        public string? Masks { get; init; }

        [CommandOption("--maps-count")]
        [Description("Models with anomaly maps: how many of the most anomalous test images maps.png shows.")]
        [DefaultValue(16)]
        public int MapsCount { get; init; } = 16;

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful) return result;
            if (MapsCount < 1) return ValidationResult.Error("--maps-count must be ≥ 1.");
            if (Masks is null) return ValidationResult.Success();
            if (Images is null) return ValidationResult.Error("--masks goes with --images (the CIFAR-10 alteration setups bring their own masks).");
            if (!Directory.Exists(Masks)) return ValidationResult.Error($"--masks '{Masks}' is not a folder.");
            string images = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Images)) + Path.DirectorySeparatorChar;
            if ((Path.TrimEndingDirectorySeparator(Path.GetFullPath(Masks)) + Path.DirectorySeparatorChar).StartsWith(images, StringComparison.Ordinal))
                return ValidationResult.Error($"--masks '{Masks}' is inside --images '{Images}', whose every image is a test image: move the masks outside it.");
            return ValidationResult.Success();
        }
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
        bool hasMaps = ml.Model.GetDeepSvdd(model).HasAnomalyMap;
        if (settings.Masks is not null && !hasMaps)
        {
            throw new ArgumentException($"--masks needs a model with anomaly maps, but --model '{settings.Model}' scores pooled features only: train it " +
                "with --representation patches (or pooled-and-patches).");
        }
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
        var localization = hasMaps ? Localize(ml, scored, settings, write) : null;
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
        var json = JsonSerializer.SerializeToNode(report)!.AsObject();
        if (hasMaps)
        {
            int shown = MapOverlays.WriteMostAnomalous(scored, scores, settings.MapsCount, Path.Combine(output, "maps.png"));
            json["maps"] = new JsonObject { ["file"] = "maps.png", ["images"] = shown };
            if (localization is { } l)
            {
                json["localization"] = new JsonObject
                {
                    ["masks"] = l.Masks,
                    ["pixelAreaUnderRocCurve"] = l.Metrics.PixelAreaUnderRocCurve,
                    ["areaUnderPro"] = l.Metrics.AreaUnderPro,
                    ["maxFalsePositiveRate"] = l.Metrics.MaxFalsePositiveRate,
                    ["defectiveImages"] = l.Metrics.DefectiveImageCount,
                    ["pixels"] = l.Metrics.PixelCount,
                    ["defectivePixels"] = l.Metrics.DefectivePixelCount,
                    ["regions"] = l.Metrics.RegionCount,
                };
            }
        }
        AtomicFile.WriteAllText(Path.Combine(output, "evaluation.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        string pixel = localization is { } m
            ? FormattableString.Invariant($", pixel ROC AUC {m.Metrics.PixelAreaUnderRocCurve:F4}, PRO (AUPRO, FPR ≤ {m.Metrics.MaxFalsePositiveRate:0.##}) {m.Metrics.AreaUnderPro:F4}")
            : "";
        write($"ROC AUC {metrics.AreaUnderRocCurve:F4}{pixel} on {scores.Length} images ({report.anomalies} anomalous); report, " +
            $"{(hasMaps ? "roc.png, histogram.png and maps.png" : "roc.png and histogram.png")} in {output}");
        return metrics.AreaUnderRocCurve;
    }

    /// <summary>
    /// The localization metrics of a patch model's maps against the data's ground-truth masks (the CIFAR-10 alteration setups' Mask column,
    /// or --masks), with where the masks came from; null (and a line saying why) when the data has none.
    /// </summary>
    private static (LocalizationMetrics Metrics, string Masks)? Localize(MLContext ml, IDataView scored, Settings settings, Action<string> write)
    {
        if (settings.Masks is { } folder)
        {
            var data = MaskFolder.WithMasks(ml, scored, folder, settings.Images!, out int found);
            write($"--masks: {found} of {data.GetRowCount()} test images have a mask in {Path.GetFullPath(folder)}; the others count as defect-free.");
            if (found == 0)
                throw new InvalidDataException($"--masks '{folder}' holds no mask for any test image: a mask has the image's path relative to --images '{settings.Images}'.");
            return (ml.AnomalyDetection.EvaluateLocalization(data, ProtocolColumns.Mask, DeepSvddTransformer.AnomalyMapColumnName), Path.GetFullPath(folder));
        }
        if (scored.Schema.GetColumnOrNull(ProtocolColumns.Mask) is null)
        {
            write(settings.Images is null
                ? "No pixel metrics: one-vs-all has no defect masks (the alteration setups, --anomaly, have)."
                : "No pixel metrics: pass --masks <folder> with the test images' defect masks to measure pixel ROC AUC and PRO.");
            return null;
        }
        return (ml.AnomalyDetection.EvaluateLocalization(scored, ProtocolColumns.Mask, DeepSvddTransformer.AnomalyMapColumnName),
            $"CIFAR-10 alteration setup {settings.Anomaly}: the pixels the alteration changed");
    }
}
