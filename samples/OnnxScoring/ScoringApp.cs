using System.CommandLine;
using System.Globalization;

namespace OnnxScoring;

/// <summary>
/// <c>OnnxScoring &lt;model.onnx&gt; &lt;image folder&gt; [--gpu] [--batch N] [--strict]</c>: prints one line per image (path, score,
/// anomaly or normal, and for a patch model with an anomaly map the number of pixels in its predicted mask) and a summary, scoring with
/// ONNX Runtime alone. The images are those <c>deepsvdd score --images</c> takes
/// (<see cref="ImageFiles"/>); one that does not decode is named and skipped with a warning, or stops the run with <c>--strict</c>.
/// The command line is parsed with System.CommandLine, as the Quickstart's; <c>--help</c> lists the arguments and options.
/// </summary>
public static class ScoringApp
{
    /// <summary>Exit code of a bad command line or input.</summary>
    public const int UsageError = 2;

    /// <summary>Images per ONNX Runtime call unless <c>--batch</c> says otherwise.</summary>
    public const int DefaultBatch = 32;

    private const string Usage = "usage: OnnxScoring <model.onnx> <image folder> [--gpu] [--batch N] [--strict]";

    /// <summary>Runs the command line; returns the exit code (0 success, 2 bad usage or input).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = Create(output, error).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) error.WriteLine($"error: {problem.Message}");
            error.WriteLine(Usage);
            return UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The root command: two arguments (the model, the image folder) and the options --gpu, --batch and --strict.</summary>
    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        var model = new Argument<string>("model.onnx") { Description = "The detector exported to ONNX (deepsvdd export)." };
        var folder = new Argument<string>("image folder") { Description = "The images to score (png, jpg, bmp, gif, webp; subfolders too)." };
        var gpu = new Option<bool>("--gpu") { Description = "Score on the GPU (build with -p:OnnxScoringGpu=true)." };
        var strict = new Option<bool>("--strict") { Description = "Stop when an image does not decode, instead of skipping it with a warning." };
        var batch = new Option<int>("--batch")
        {
            Description = "Images per ONNX Runtime call.",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultBatch,
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1)
                    result.AddError("--batch needs a positive number.");
                return value;
            },
        };
        var root = new RootCommand("Scores a folder of images with a Deep SVDD detector exported to ONNX, with ONNX Runtime alone.")
        {
            model, folder, gpu, batch, strict,
        };
        root.SetAction(result => Score(result.GetValue(model)!, result.GetValue(folder)!, result.GetValue(gpu), result.GetValue(batch),
            result.GetValue(strict), output, error));
        return root;
    }

    private static int Score(string model, string folder, bool gpu, int batch, bool strict, TextWriter output, TextWriter error)
    {
        if (!File.Exists(model)) { error.WriteLine($"The ONNX model '{model}' does not exist."); return UsageError; }
        if (!Directory.Exists(folder)) { error.WriteLine($"The image folder '{folder}' does not exist."); return UsageError; }
        var listed = ImageFiles.List(folder);
        if (listed.Count == 0) { error.WriteLine($"No images (png, jpg, bmp, gif, webp) under '{folder}'."); return UsageError; }
        var problems = new string?[listed.Count];
        Parallel.For(0, listed.Count, i => problems[i] = ImageFiles.Problem(listed[i]));
        var bad = Enumerable.Range(0, listed.Count).Where(i => problems[i] is not null).ToList();
        foreach (int i in bad) error.WriteLine($"{(strict ? "Error" : "Warning")}: '{listed[i]}' does not decode: {problems[i]}.");
        if (bad.Count > 0 && strict)
        {
            error.WriteLine($"--strict: {bad.Count} of {listed.Count} images do not decode.");
            return UsageError;
        }
        if (bad.Count > 0)
            error.WriteLine($"Warning: skipped {bad.Count} of {listed.Count} images that do not decode (--strict stops instead).");
        var files = Enumerable.Range(0, listed.Count).Where(i => problems[i] is null).Select(i => listed[i]).ToList();
        if (files.Count == 0) { error.WriteLine($"None of the {listed.Count} images under '{folder}' decodes."); return UsageError; }

        try
        {
            using var detector = new OnnxDetector(model, gpu);
            string threshold = detector.Threshold.ToString("R", CultureInfo.InvariantCulture);
            output.WriteLine($"{model}: input '{detector.InputName}' 3×{detector.Height}×{detector.Width}, threshold {threshold}, " +
                detector.Provider + (detector.HasMap ? $", anomaly map {detector.Height}×{detector.Width}" : ""));
            int anomalies = 0;
            foreach (var chunk in files.Chunk(batch))
            {
                var rows = chunk.Select(f => ImagePixels.Load(f, detector.Width, detector.Height)).ToList();
                var results = detector.Score(rows);
                for (int i = 0; i < chunk.Length; i++)
                {
                    if (results[i].Anomaly) anomalies++;
                    string score = results[i].Score.ToString("R", CultureInfo.InvariantCulture);
                    output.WriteLine($"{chunk[i]}\t{score}\t{(results[i].Anomaly ? "anomaly" : "normal")}" +
                        (results[i].MaskPixels is int mask ? $"\tmask {mask} of {detector.Height * detector.Width} pixels" : ""));
                }
            }
            output.WriteLine($"{files.Count} images, {anomalies} above the threshold" +
                (bad.Count > 0 ? $"; {bad.Count} skipped (do not decode)." : "."));
            return 0;
        }
        catch (InvalidDataException e)
        {
            error.WriteLine(e.Message);
            return UsageError;
        }
    }
}
