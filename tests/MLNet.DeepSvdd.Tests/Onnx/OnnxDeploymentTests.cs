using MLNet.DeepSvdd.Cli.Commands;
using MLNet.DeepSvdd.Cli;
using MLNet.DeepSvdd.Datasets.Alterations;
using OnnxScoring;

namespace MLNet.DeepSvdd.Tests.Onnx;

/// <summary>
/// The deployment path end to end on synthetic PNG files: an image-folder model (LoadImages → ResizeImages → ExtractPixels → Deep SVDD,
/// the pipeline of <c>deepsvdd train --images</c>), saved, exported by <c>deepsvdd export</c>, and scored by samples/OnnxScoring (ONNX
/// Runtime and SkiaSharp only) like the ML.NET model scores the same files.
/// </summary>
public sealed class OnnxDeploymentTests : IDisposable
{
    private const int Side = 16;
    private readonly string root = Directory.CreateTempSubdirectory("deepsvdd-onnx-deploy-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Cli_export_and_the_OnnxScoring_sample_score_image_files_like_the_model()
    {
        string images = Path.Combine(root, "images");
        WritePngs(images, 12);
        var ml = new MLContext(seed: 1);
        var data = ImageFolderSource.Flat(images).ToDataView();
        var pipeline = ImageSources.ImagePipeline(ml, Side).Append(ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
        {
            FeatureColumnName = ImageSources.PixelColumn, Network = DeepSvddNetwork.LeNet, Epochs = 1, BatchSize = 4, RepresentationDimension = 8,
            NoiseHeads = 4, Seed = 1, Device = DeepSvddDevice.Cpu, ThrowOnCollapse = false, InputResolution = 8,
        }));
        var model = pipeline.Fit(data);
        string zip = Path.Combine(root, "model.zip"), onnx = Path.Combine(root, "model.onnx");
        ml.Model.Save(model, data.Schema, zip);

        var log = new List<string>();
        var settings = new ExportCommand.Settings { Model = zip, Onnx = onnx, Check = 20 };
        settings.Validate().Successful.Should().BeTrue();
        ExportCommand.Export(settings, log.Add).Should().Be(new FileInfo(onnx).Length);
        log.Should().Contain(l => l.Contains($"Input '{ImageSources.PixelColumn}': float [N, {3 * Side * Side}]"));
        log.Should().Contain(l => l.Contains("LoadImages → ResizeImages → ExtractPixels"));
        var check = log.Single(l => l.StartsWith("Check on 20 random rows", StringComparison.Ordinal));
        double difference = double.Parse(System.Text.RegularExpressions.Regex.Match(check, @"difference ([0-9.E+-]+);").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        difference.Should().BeLessThanOrEqualTo(1e-4, check);

        var scored = model.Transform(data);
        var expected = scored.GetColumn<float>("Score").ToArray();
        var expectedLabels = scored.GetColumn<bool>("PredictedLabel").ToArray();
        var paths = scored.GetColumn<string>("ImagePath").ToArray();

        using var detector = new OnnxDetector(onnx);
        (detector.Height, detector.Width).Should().Be((Side, Side));
        var results = detector.Score(paths.Select(p => ImagePixels.Load(p, Side, Side)).ToList());
        OnnxCases.MaxRelativeError(results.Select(r => r.Score).ToArray(), expected, 0).Should().BeLessThanOrEqualTo(1e-4);
        results.Select(r => r.Anomaly).Should().Equal(expectedLabels);

        var output = new StringWriter();
        ScoringApp.Run([onnx, images, "--batch", "5"], output, TextWriter.Null).Should().Be(0);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(12 + 2);
        lines[^1].Should().StartWith("12 images");
    }

    [Fact]
    [Trait(TestCategories.Name, TestCategories.Slow)]
    public void The_sample_lists_images_like_the_CLI_without_looping_and_skips_those_that_do_not_decode()
    {
        // Issue 24: a link back to the folder made the sample list 123 images from 3 files; one file that did not decode stopped it.
        string images = Path.Combine(root, "images");
        WritePngs(images, 3);
        Directory.CreateSymbolicLink(Path.Combine(images, "loop"), images);
        Directory.CreateDirectory(Path.Combine(images, "more"));
        Directory.CreateSymbolicLink(Path.Combine(images, "more", "up"), Path.Combine(images, "more"));
        File.WriteAllText(Path.Combine(images, "broken.png"), "not an image");
        Cli.CliImageFiles.WriteTruncatedPng(Path.Combine(images, "more", "truncated.png"), Cli.CliImageFiles.OfClass(1, 1).Single());
        Directory.CreateDirectory(Path.Combine(images, ".hidden"));
        File.Copy(Path.Combine(images, "00.png"), Path.Combine(images, ".hidden", "00.png"));
        string onnx = ExportSmallImageModel(images);

        ImageFiles.List(images).Should().Equal(ImageFolderInput.List(images), "the sample takes the images deepsvdd score takes");
        ImageFiles.List(images).Should().HaveCount(5);
        var output = new StringWriter();
        var error = new StringWriter();
        ScoringApp.Run([onnx, images], output, error).Should().Be(0, error.ToString());

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1 + 3 + 1, "a header, the three decodable images and the summary");
        lines[^1].Should().Be("3 images, " + lines.Count(l => l.EndsWith("\tanomaly")) + " above the threshold; 2 skipped (do not decode).");
        error.ToString().Should().Contain("broken.png' does not decode").And.Contain("truncated.png' does not decode: truncated")
            .And.Contain("Warning: skipped 2 of 5 images");
        ScoringApp.Run([onnx, images, "--strict"], TextWriter.Null, error).Should().Be(2);
    }

    /// <summary>A LeNet image model trained for one epoch on the PNGs of <paramref name="images"/> at 16 px, exported to ONNX.</summary>
    private string ExportSmallImageModel(string images)
    {
        string training = Path.Combine(root, "training");
        WritePngs(training, 8);
        var ml = new MLContext(seed: 1);
        var data = ImageFolderSource.Flat(training).ToDataView();
        var model = ImageSources.ImagePipeline(ml, Side).Append(ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
        {
            FeatureColumnName = ImageSources.PixelColumn, Network = DeepSvddNetwork.LeNet, Epochs = 1, BatchSize = 4, RepresentationDimension = 8,
            NoiseHeads = 4, Seed = 1, Device = DeepSvddDevice.Cpu, ThrowOnCollapse = false,
        })).Fit(data);
        string onnx = Path.Combine(root, "small.onnx");
        using (var file = File.Create(onnx)) ml.Model.ExportDeepSvddToOnnx(ml.Model.GetDeepSvdd(model), file);
        return onnx;
    }

    [Fact]
    public void Bad_export_and_sample_input_is_refused_with_the_file_named()
    {
        new ExportCommand.Settings { Onnx = "m.onnx" }.Validate().Message.Should().Contain("--model <file.zip> is required");
        new ExportCommand.Settings { Model = Path.Combine(root, "none.zip"), Onnx = "m.onnx" }.Validate().Message.Should().Contain("does not exist");
        string notModel = Path.Combine(root, "not-a-model.zip");
        File.WriteAllText(notModel, "not a zip");
        new ExportCommand.Settings { Model = notModel }.Validate().Message.Should().Contain("--onnx <file.onnx> is required");
        CliApp.Create().Run(["export", "--model", notModel, "--onnx", Path.Combine(root, "m.onnx")]).Should().Be(ExitCodes.BadInput);
        File.Exists(Path.Combine(root, "m.onnx")).Should().BeFalse();
        CliApp.Create().Run(["export", "--help"]).Should().Be(0);

        var error = new StringWriter();
        ScoringApp.Run([Path.Combine(root, "none.onnx"), root], TextWriter.Null, error).Should().Be(2);
        error.ToString().Should().Contain("none.onnx' does not exist");
        WritePngs(Path.Combine(root, "images"), 1);
        ScoringApp.Run([notModel, Path.Combine(root, "images")], TextWriter.Null, error).Should().Be(2);
        error.ToString().Should().Contain("not-a-model.zip' is not an ONNX model");
    }

    /// <summary>RGB PNGs of several sizes (square and not, so the resize crops), bright at the top, each with a dark square somewhere.</summary>
    private static void WritePngs(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(5);
        for (int n = 0; n < count; n++)
        {
            int width = n % 3 == 0 ? 24 : 20, height = n % 3 == 1 ? 28 : 20;
            var rgb = new byte[width * height * 3];
            int bx = random.Next(width - 6), by = random.Next(height - 6);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    for (int c = 0; c < 3; c++)
                    {
                        bool square = x >= bx && x < bx + 6 && y >= by && y < by + 6;
                        rgb[(y * width + x) * 3 + c] = (byte)(square ? 10 : Math.Clamp(60 * c + 150 - 4 * y + random.Next(40), 0, 255));
                    }
            File.WriteAllBytes(Path.Combine(folder, $"{n:D2}.png"), PngEncoder.Encode(rgb, width, height, 3));
        }
    }
}
