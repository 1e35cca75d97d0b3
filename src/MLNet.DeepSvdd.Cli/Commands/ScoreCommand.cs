namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary><c>deepsvdd score</c>: anomaly scores of images from a saved model, as CSV (higher = more anomalous).</summary>
public sealed class ScoreCommand : Command<ScoreCommand.Settings>
{
    public sealed class Settings : ModelDataSettings
    {
        [CommandOption("--out")]
        [Description("The CSV file to write: image,score,predicted_anomaly.")]
        [DefaultValue("scores.csv")]
        public string Output { get; init; } = "scores.csv";

        [CommandOption("--maps")]
        [Description("A PNG to write heat-map overlays to (image, anomaly map, predicted mask; one row per image, most anomalous first). " +
            "Models with a patch branch only (train --representation patches or pooled-and-patches).")]
        public string? Maps { get; init; }

        [CommandOption("--maps-count")]
        [Description("How many of the most anomalous images --maps shows.")]
        [DefaultValue(16)]
        public int MapsCount { get; init; } = 16;

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful) return result;
            return MapsCount < 1 ? ValidationResult.Error("--maps-count must be ≥ 1.") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        Score(settings, line => AnsiConsole.WriteLine(line));
        return ExitCodes.Success;
    }

    /// <summary>Scores every image and writes the CSV; returns the number of rows written.</summary>
    internal static int Score(Settings settings, Action<string> write)
    {
        string output = OutputPath.CheckFile(settings.Output, "--out"); // before any scoring
        string? mapsPath = settings.Maps is null ? null : OutputPath.CheckFile(settings.Maps, "--maps");
        // No output may replace or join what the command reads: the model, or the images under --images.
        foreach (var (path, option) in new[] { (settings.Output, "--out"), (settings.Maps, "--maps") })
        {
            if (path is null) continue;
            OutputPath.CheckNotInput(path, option, settings.Model, "--model");
            if (settings.Images is { } images && ResolvedPath.IsUnder(path, images) &&
                ImageFolderSource.DefaultExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"{option} '{path}' is an image path inside --images '{images}': the file would replace or join the images " +
                    $"the command reads. Choose a path outside --images{(option == "--out" ? " (or a .csv name)" : "")}.");
        }
        if (mapsPath is not null && ResolvedPath.Same(mapsPath, output))
            throw new ArgumentException($"--maps '{settings.Maps}' and --out '{settings.Output}' are the same file; choose two paths.");
        var ml = new MLContext(settings.Seed);
        var model = ml.Model.LoadDeepSvdd(settings.Model, out var inputSchema);
        if (mapsPath is not null && !ml.Model.GetDeepSvdd(model).HasAnomalyMap)
        {
            throw new ArgumentException($"--maps needs a model with anomaly maps, but --model '{settings.Model}' scores pooled features only: train it " +
                "with --representation patches (or pooled-and-patches).");
        }
        bool folderModel = inputSchema.GetColumnOrNull(ProtocolColumns.ImagePath) is not null;
        IDataView input;
        if (settings.Images is { } folder)
        {
            if (!folderModel)
                throw new ArgumentException($"--model '{settings.Model}' reads pixel vectors (column '{ProtocolColumns.Image}'), not image files: " +
                    "train it with deepsvdd train --images to score image folders.");
            input = ImageSources.Folder(folder, anomalyFolder: null, settings.Strict, write);
        }
        else
        {
            if (folderModel) throw new ArgumentException($"--model '{settings.Model}' reads image files: pass --images <folder>.");
            input = ImageSources.Cifar(settings, ImageSources.DefaultTrainLimit).Test.Data;
        }
        var scored = model.Transform(input);
        var scores = scored.GetColumn<float>("Score").ToArray();
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        var names = settings.Images is not null
            ? scored.GetColumn<string>(ProtocolColumns.ImagePath).ToArray()
            : Enumerable.Range(0, scores.Length).Select(i => $"cifar-test-{i}").ToArray();
        var csv = new StringBuilder("image,score,predicted_anomaly\n");
        for (int i = 0; i < scores.Length; i++)
            csv.Append(Quote(names[i])).Append(',').Append(scores[i].ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(predicted[i] ? "true" : "false").Append('\n');
        AtomicFile.WriteAllText(output, csv.ToString());
        write($"Scored {scores.Length} images ({predicted.Count(p => p)} above the model's threshold) → {output}");
        if (mapsPath is not null)
            write($"Heat maps of the {MapOverlays.WriteMostAnomalous(scored, scores, settings.MapsCount, mapsPath)} most anomalous images (image, map, mask per row) → {mapsPath}");
        return scores.Length;
    }

    private static string Quote(string value) => value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
