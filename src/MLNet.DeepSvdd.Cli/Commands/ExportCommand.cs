using MLNet.DeepSvdd.Baselines.Geo;
using MLNet.DeepSvdd.Baselines.Geo.Persistence;
using MLNet.DeepSvdd.Baselines.Persistence;
using MLNet.DeepSvdd.Persistence;
using MLNet.DeepSvdd.Shared.Detectors;
using MLNet.DeepSvdd.Shared.Persistence;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// <c>deepsvdd export</c>: writes the detector of a saved model as an ONNX file, for scoring with ONNX Runtime alone: a Deep SVDD
/// detector (<c>ExportDeepSvddToOnnx</c>), an Isolation Forest or a one-class SVM (<c>ExportBaselineToOnnx</c>). A GEO model is refused
/// with the reason. The steps before the detector (an image-folder model's LoadImages → ResizeImages → ExtractPixels, a search winner's
/// feature transform) are not in the graph; the command says what its input is.
/// </summary>
public sealed class ExportCommand : Command<ExportCommand.Settings>
{
    /// <summary>The options of <c>deepsvdd export</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The most rows <c>--check</c> takes.</summary>
        public const int MaxCheckRows = 1_000_000;

        /// <summary>The ML.NET model file to export.</summary>
        [CommandOption("--model")]
        [Description("A model file saved by deepsvdd train or tune (or any ML.NET model with one Deep SVDD, Isolation Forest or one-class SVM detector).")]
        public string Model { get; init; } = "";

        /// <summary>The ONNX file to write.</summary>
        [CommandOption("--onnx")]
        [Description("The ONNX file to write (replaced if it exists; never the --model file).")]
        public string Onnx { get; init; } = "";

        /// <summary>Rows to score with both the model and the ONNX file after the export, to compare scores and speed (0 = none).</summary>
        [CommandOption("--check")]
        [Description("After exporting, score this many random rows of the model's input shape with the ML.NET model and with ONNX Runtime, and print the largest relative score difference and each one's rows/s (0 = no check; at most 1000000, and at most what one array of the model's row size holds).")]
        [DefaultValue(0)]
        public int Check { get; init; }

        /// <summary>Checks that both files are given, the model exists and is a file, and --check is in range.</summary>
        public override ValidationResult Validate()
        {
            if (Check is < 0 or > MaxCheckRows) return ValidationResult.Error($"--check {Check}: expected 0 (no check) or a number of rows up to {MaxCheckRows:N0}.");
            var model = ModelFileOption.Check(Model);
            if (!model.Successful) return model;
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
        OutputPath.CheckNotInput(settings.Onnx, "--onnx", settings.Model, "--model");
        var ml = new MLContext();
        var (detector, inputSchema, export) = LoadDetector(ml, settings.Model);
        if (settings.Check > ParityCheck.MaxRows(detector.InputSize))
            throw new ArgumentException($"--check {settings.Check}: rows of {detector.InputSize} values allow at most {ParityCheck.MaxRows(detector.InputSize):N0} rows for this model.");
        AtomicFile.Write(output, export);
        long size = new FileInfo(output).Length;
        long opset = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(output)).OpsetImport.Single(o => o.Domain.Length == 0).Version;
        string kind = detector is DeepSvddTransformer deep ? $"Deep SVDD detector ({deep.Report.Network})" : $"{((AnomalyDetectorTransformer)detector).Scorer.Kind} detector";
        write($"Exported the {kind} of {settings.Model} → {output} ({size:N0} bytes, ONNX opset {opset}).");
        write($"Input '{detector.FeatureColumnName}': float [N, {detector.InputSize}]. Outputs: Score float [N, 1], PredictedLabel bool [N, 1] " +
            $"(Score > {detector.Threshold:R}){(detector is DeepSvddTransformer { HasAnomalyMap: true } maps ? $", AnomalyMap float [N, {maps.Model.MapHeight}, {maps.Model.MapWidth}] (0.5 at the map threshold τ = {maps.MapThreshold:R}), PredictedMask bool [N, {maps.Model.MapHeight}, {maps.Model.MapWidth}] (AnomalyMap > 0.5)" : "")}.");
        if (inputSchema.GetColumnOrNull(ProtocolColumns.ImagePath) is not null && detector is DeepSvddTransformer)
        {
            write("The model reads image files: the ONNX input is the pixels its LoadImages → ResizeImages → ExtractPixels steps produce " +
                "(the image resized to cover the square and centre-cropped, planar R, G, B planes, values 0–255); samples/OnnxScoring does this.");
        }
        else if (inputSchema.GetColumnOrNull(detector.FeatureColumnName) is null)
        {
            write($"The model computes '{detector.FeatureColumnName}' before its detector (e.g. ResNet-18 features or a PCA of the pixels): those steps " +
                "are not in the ONNX graph; its input is their output, which the application must compute the same way.");
        }
        if (settings.Check > 0)
        {
            if (detector is DeepSvddTransformer deepSvdd) ParityCheck.Run(ml, deepSvdd, output, settings.Check, write);
            else ParityCheck.Run(ml, detector, image: false, detector is OneClassSvmTransformer svm ? svm.Rho : 0, batch: 256, output, settings.Check, write);
        }
        return size;
    }

    /// <summary>
    /// The detector the model file holds and how to export it: Deep SVDD first, then the Isolation Forest and one-class SVM; a GEO
    /// model, or a file with none of them, is refused with the reason.
    /// </summary>
    private static (DetectorTransformer Detector, DataViewSchema InputSchema, Action<Stream> Export) LoadDetector(MLContext ml, string path)
    {
        var loaded = ModelFileReading.Load(ml.Model, path, "a model with a detector", out var schema);
        var deep = DeepSvddModelFile.Instance.FindAll(loaded).ToList();
        if (deep.Count == 1) return (deep[0], schema, stream => ml.Model.ExportDeepSvddToOnnx(deep[0], stream));
        var shallow = BaselineModelFile.Instance.FindAll(loaded).ToList();
        if (deep.Count + shallow.Count > 1)
        {
            throw new InvalidDataException($"--model '{path}' holds {deep.Count + shallow.Count} detectors; deepsvdd export writes a model " +
                "file that holds one (export them one at a time with mlContext.Model.ExportDeepSvddToOnnx or ExportBaselineToOnnx).");
        }
        if (shallow.Count == 1) return (shallow[0], schema, stream => ml.Model.ExportBaselineToOnnx(shallow[0], stream));
        if (!GeoModelFile.Instance.FindAll(loaded).Any())
        {
            throw new InvalidDataException($"--model '{path}' holds no detector that can be exported: deepsvdd export writes Deep SVDD, Isolation Forest " +
                "and one-class SVM detectors (models of deepsvdd train and tune, or mlContext.Model.Save of such a detector).");
        }
        throw new InvalidDataException($"--model '{path}' holds a GEO model, which cannot be exported to ONNX: GEO scores an image by running its " +
            "Wide ResNet classifier on all 72 geometric transformations of it and summing Dirichlet log-likelihoods of the softmax outputs, and this " +
            "library has no ONNX emitter for that network and scoring (only for Deep SVDD's networks and the shallow detectors). Score it with ML.NET " +
            "(mlContext.Model.LoadGeo).");
    }
}
