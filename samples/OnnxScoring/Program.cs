using System.Globalization;
using OnnxScoring;

return ScoringApp.Run(args, Console.Out, Console.Error);

namespace OnnxScoring
{
    /// <summary>
    /// <c>OnnxScoring &lt;model.onnx&gt; &lt;image folder&gt; [--gpu] [--batch N] [--strict]</c>: prints one line per image (path, score,
    /// anomaly or normal, and for a patch model with an anomaly map the number of pixels in its predicted mask) and a summary, scoring with
    /// ONNX Runtime alone. The images are those <c>deepsvdd score --images</c> takes
    /// (<see cref="ImageFiles"/>); one that does not decode is named and skipped with a warning, or stops the run with <c>--strict</c>.
    /// </summary>
    public static class ScoringApp
    {

        /// <summary>Runs the command line; returns the exit code (0 success, 2 bad usage or input).</summary>
        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
            bool gpu = args.Contains("--gpu"), strict = args.Contains("--strict");
            int batch = 32;
            int batchAt = Array.IndexOf(args, "--batch");
            if (batchAt >= 0)
            {
                if (batchAt + 1 >= args.Length || !int.TryParse(args[batchAt + 1], out batch) || batch < 1)
                {
                    error.WriteLine("--batch needs a positive number.");
                    return 2;
                }
                positional.Remove(args[batchAt + 1]);
            }
            if (positional.Count != 2)
            {
                error.WriteLine("usage: OnnxScoring <model.onnx> <image folder> [--gpu] [--batch N] [--strict]");
                return 2;
            }
            string model = positional[0], folder = positional[1];
            if (!File.Exists(model)) { error.WriteLine($"The ONNX model '{model}' does not exist."); return 2; }
            if (!Directory.Exists(folder)) { error.WriteLine($"The image folder '{folder}' does not exist."); return 2; }
            var listed = ImageFiles.List(folder);
            if (listed.Count == 0) { error.WriteLine($"No images (png, jpg, bmp, gif, webp) under '{folder}'."); return 2; }
            var problems = new string?[listed.Count];
            Parallel.For(0, listed.Count, i => problems[i] = ImageFiles.Problem(listed[i]));
            var bad = Enumerable.Range(0, listed.Count).Where(i => problems[i] is not null).ToList();
            foreach (int i in bad) error.WriteLine($"{(strict ? "Error" : "Warning")}: '{listed[i]}' does not decode: {problems[i]}.");
            if (bad.Count > 0 && strict)
            {
                error.WriteLine($"--strict: {bad.Count} of {listed.Count} images do not decode.");
                return 2;
            }
            if (bad.Count > 0) error.WriteLine($"Warning: skipped {bad.Count} of {listed.Count} images that do not decode (--strict stops instead).");
            var files = Enumerable.Range(0, listed.Count).Where(i => problems[i] is null).Select(i => listed[i]).ToList();
            if (files.Count == 0) { error.WriteLine($"None of the {listed.Count} images under '{folder}' decodes."); return 2; }

            try
            {
                using var detector = new OnnxDetector(model, gpu);
                output.WriteLine($"{model}: input '{detector.InputName}' 3×{detector.Height}×{detector.Width}, threshold {detector.Threshold.ToString("R", CultureInfo.InvariantCulture)}, {detector.Provider}{(detector.HasMap ? $", anomaly map {detector.Height}×{detector.Width}" : "")}");
                int anomalies = 0;
                foreach (var chunk in files.Chunk(batch))
                {
                    var rows = chunk.Select(f => ImagePixels.Load(f, detector.Width, detector.Height)).ToList();
                    var results = detector.Score(rows);
                    for (int i = 0; i < chunk.Length; i++)
                    {
                        if (results[i].Anomaly) anomalies++;
                        output.WriteLine($"{chunk[i]}\t{results[i].Score.ToString("R", CultureInfo.InvariantCulture)}\t{(results[i].Anomaly ? "anomaly" : "normal")}" +
                            (results[i].MaskPixels is int mask ? $"\tmask {mask} of {detector.Height * detector.Width} pixels" : ""));
                    }
                }
                output.WriteLine($"{files.Count} images, {anomalies} above the threshold" + (bad.Count > 0 ? $"; {bad.Count} skipped (do not decode)." : "."));
                return 0;
            }
            catch (InvalidDataException e)
            {
                error.WriteLine(e.Message);
                return 2;
            }
        }
    }
}
