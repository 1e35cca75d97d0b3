namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// <c>deepsvdd export</c>: writes the Deep SVDD detector of a saved model as an ONNX file (<c>ExportDeepSvddToOnnx</c>), for scoring
/// with ONNX Runtime alone. The steps before the detector (an image-folder model's LoadImages → ResizeImages → ExtractPixels) are not
/// in the graph; the command says what its input is.
/// </summary>
public sealed class ExportCommand : Command<ExportCommand.Settings>
{
    /// <summary>The options of <c>deepsvdd export</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The ML.NET model file to export.</summary>
        [CommandOption("--model")]
        [Description("A model file saved by deepsvdd train (or any ML.NET model with one Deep SVDD stage).")]
        public string Model { get; init; } = "";

        /// <summary>The ONNX file to write.</summary>
        [CommandOption("--onnx")]
        [Description("The ONNX file to write (replaced if it exists).")]
        public string Onnx { get; init; } = "";

        /// <summary>Rows to score with both the model and the ONNX file after the export, to compare scores and speed (0 = none).</summary>
        [CommandOption("--check")]
        [Description("After exporting, score this many random rows of the model's input shape with the ML.NET model (TorchSharp) and with ONNX Runtime, and print the largest relative score difference and each one's rows/s. 0 = no check.")]
        [DefaultValue(0)]
        public int Check { get; init; }

        /// <summary>Checks that both files are given and the model exists.</summary>
        public override ValidationResult Validate()
        {
            if (Check < 0) return ValidationResult.Error("--check must be 0 or a number of rows.");
            if (string.IsNullOrWhiteSpace(Model)) return ValidationResult.Error("--model <file.zip> is required.");
            if (!File.Exists(Model)) return ValidationResult.Error($"--model '{Model}' does not exist.");
            if (string.IsNullOrWhiteSpace(Onnx)) return ValidationResult.Error("--onnx <file.onnx> is required.");
            return ValidationResult.Success();
        }
    }

    /// <summary>Runs the export and prints what was written.</summary>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        Export(settings, line => AnsiConsole.WriteLine(line));
        return ExitCodes.Success;
    }

    /// <summary>Exports the model's detector to the ONNX file; returns the file's size in bytes.</summary>
    internal static long Export(Settings settings, Action<string> write)
    {
        string output = OutputPath.CheckFile(settings.Onnx, "--onnx"); // before the model is loaded
        var ml = new MLContext();
        var model = ml.Model.LoadDeepSvdd(settings.Model, out var inputSchema);
        var detector = ml.Model.GetDeepSvdd(model);
        AtomicFile.Write(output, stream => ml.Model.ExportDeepSvddToOnnx(detector, stream));
        long size = new FileInfo(output).Length;
        long opset = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(output)).OpsetImport.Single().Version;
        write($"Exported the Deep SVDD detector of {settings.Model} ({detector.Report.Network}) → {output} ({size:N0} bytes, ONNX opset {opset}).");
        write($"Input '{detector.FeatureColumnName}': float [N, {detector.InputSize}]. Outputs: Score float [N, 1], PredictedLabel bool [N, 1] " +
            $"(Score > {detector.Threshold:R}){(detector.HasAnomalyMap ? $", AnomalyMap float [N, {detector.Model.MapHeight}, {detector.Model.MapWidth}] (0.5 at the map threshold τ = {detector.MapThreshold:R}), PredictedMask bool [N, {detector.Model.MapHeight}, {detector.Model.MapWidth}] (AnomalyMap > 0.5)" : "")}.");
        if (inputSchema.GetColumnOrNull(ProtocolColumns.ImagePath) is not null)
        {
            write("The model reads image files: the ONNX input is the pixels its LoadImages → ResizeImages → ExtractPixels steps produce " +
                "(the image resized to cover the square and centre-cropped, planar R, G, B planes, values 0–255); samples/OnnxScoring does this.");
        }
        if (settings.Check > 0) ParityCheck.Run(ml, detector, output, settings.Check, write);
        return size;
    }
}
