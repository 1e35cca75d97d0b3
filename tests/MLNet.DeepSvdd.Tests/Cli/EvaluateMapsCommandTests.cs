using System.Buffers.Binary;
using System.Text.Json;
using MLNet.DeepSvdd.Cli.Commands;
using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>
/// <c>evaluate</c> on a patch model: pixel ROC AUC and PRO in the console and in evaluation.json against the alteration setups' masks or
/// <c>--masks</c>, and maps.png; a model without maps keeps its old report.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class EvaluateMapsCommandTests : IDisposable
{
    private const int Plane = 32 * 32;
    private readonly string root = Path.Combine(Path.GetTempPath(), "deepsvdd-evalmaps-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Evaluate_on_an_alteration_setup_reports_the_pixel_metrics_of_the_library_and_writes_maps_png()
    {
        string model = Path.Combine(root, "strokes.zip");
        var log = new List<string>();
        var train = new TrainCommand.Settings
        {
            Data = Cifar10Data.Directory, Anomaly = "strokes1", TrainLimit = 100, TestLimit = 20, Model = model, Network = DeepSvddNetwork.ResNet18Pretrained,
            InputResolution = 64, Representation = DeepSvddRepresentation.Patches, Epochs = 1, BatchSize = 25, Seed = 2,
        };
        train.Validate().Successful.Should().BeTrue();
        TrainCommand.Train(train, log.Add);

        string output = Path.Combine(root, "evaluation");
        var settings = new EvaluateCommand.Settings { Data = Cifar10Data.Directory, Anomaly = "strokes1", TestLimit = 20, Seed = 2, Model = model, Output = output, MapsCount = 5 };
        settings.Validate().Successful.Should().BeTrue();
        EvaluateCommand.Evaluate(settings, log.Add);

        // The same numbers as the library's EvaluateLocalization on the same test split.
        var ml = new MLContext(2);
        var loaded = ml.Model.LoadDeepSvdd(model, out _);
        var expected = ml.AnomalyDetection.EvaluateLocalization(loaded.Transform(ImageSources.Cifar(settings, ImageSources.DefaultTrainLimit).Test.Data));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "evaluation.json")));
        var localization = json.RootElement.GetProperty("localization");
        localization.GetProperty("pixelAreaUnderRocCurve").GetDouble().Should().BeApproximately(expected.PixelAreaUnderRocCurve, 1e-12);
        localization.GetProperty("areaUnderPro").GetDouble().Should().BeApproximately(expected.AreaUnderPro, 1e-12);
        localization.GetProperty("maxFalsePositiveRate").GetDouble().Should().Be(0.3);
        localization.GetProperty("defectiveImages").GetInt32().Should().Be(10, "half of the 20 balanced test rows carry strokes");
        localization.GetProperty("defectivePixels").GetInt64().Should().Be(expected.DefectivePixelCount).And.BeGreaterThan(0);
        localization.GetProperty("masks").GetString().Should().Contain("strokes1");
        json.RootElement.GetProperty("maps").GetProperty("images").GetInt32().Should().Be(5);
        log.Should().Contain(l => l.StartsWith("ROC AUC ") && l.Contains($"pixel ROC AUC {expected.PixelAreaUnderRocCurve:F4}")
            && l.Contains($"PRO (AUPRO, FPR ≤ 0.3) {expected.AreaUnderPro:F4}") && l.Contains("roc.png, histogram.png and maps.png in "));

        var png = File.ReadAllBytes(Path.Combine(output, "maps.png"));
        png.Take(8).Should().Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 });
        // Three panels of 32 px × scale 4 with 2 px gaps, one row per image: 3·130 + 2 by 5·130 + 2.
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)).Should().Be(392);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)).Should().Be(652);
    }

    [Fact]
    public void Evaluate_with_a_masks_folder_counts_exactly_the_masked_pixels_and_refuses_it_for_a_pooled_model()
    {
        var cifar = Cifar10Data.Dataset;
        var automobiles = Enumerable.Range(0, cifar.Train.Count).Where(i => cifar.Train[i].Class == 1).Select(i => cifar.Train[i]).ToList();
        WriteImages(Path.Combine(root, "train"), automobiles.Take(30), square: false);
        var test = Enumerable.Range(0, cifar.Test.Count).Where(i => cifar.Test[i].Class == 1).Take(6).Select(i => cifar.Test[i]).ToList();
        WriteImages(Path.Combine(root, "test", "normal"), test.Take(3), square: false);
        WriteImages(Path.Combine(root, "test", "anomaly"), test.Skip(3), square: true);
        // One mask per anomalous image, at the same relative path: the 8 × 8 square, white on black; normal images have none.
        var mask = new byte[Plane];
        for (int y = 10; y < 18; y++)
            for (int x = 12; x < 20; x++) mask[y * 32 + x] = 255;
        Directory.CreateDirectory(Path.Combine(root, "masks", "anomaly"));
        for (int i = 0; i < 3; i++) File.WriteAllBytes(Path.Combine(root, "masks", "anomaly", $"{i:D4}.png"), PngEncoder.Encode(mask, 32, 32, 1));

        string model = Path.Combine(root, "patches.zip");
        var log = new List<string>();
        TrainCommand.Train(new TrainCommand.Settings
        {
            Images = Path.Combine(root, "train"), Model = model, Network = DeepSvddNetwork.ResNet18Pretrained, InputResolution = 64,
            Representation = DeepSvddRepresentation.Patches, Epochs = 1, BatchSize = 15, Seed = 2,
        }, log.Add);
        string output = Path.Combine(root, "evaluation");
        var settings = new EvaluateCommand.Settings { Model = model, Images = Path.Combine(root, "test"), Masks = Path.Combine(root, "masks"), Output = output };
        settings.Validate().Successful.Should().BeTrue();
        EvaluateCommand.Evaluate(settings, log.Add);
        log.Should().Contain(l => l.StartsWith("--masks: 3 of 6 test images have a mask"));
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "evaluation.json"))))
        {
            var localization = json.RootElement.GetProperty("localization");
            localization.GetProperty("defectiveImages").GetInt32().Should().Be(3);
            localization.GetProperty("defectivePixels").GetInt64().Should().Be(3 * 64, "the masks are read at the map's 32 × 32 without blurring");
            localization.GetProperty("pixels").GetInt64().Should().Be(6 * Plane);
            localization.GetProperty("regions").GetInt32().Should().Be(3);
            localization.GetProperty("pixelAreaUnderRocCurve").GetDouble().Should().BeInRange(0, 1);
        }
        File.Exists(Path.Combine(output, "maps.png")).Should().BeTrue();

        // A pooled model: --masks is refused naming the option, and without it the report is as before (no maps, no localization).
        string pooled = Path.Combine(root, "pooled.zip");
        TrainCommand.Train(new TrainCommand.Settings { Images = Path.Combine(root, "train"), Model = pooled, Network = DeepSvddNetwork.LeNet, Epochs = 1, Seed = 2 }, _ => { });
        var refused = () => EvaluateCommand.Evaluate(new EvaluateCommand.Settings
        {
            Model = pooled, Images = Path.Combine(root, "test"), Masks = Path.Combine(root, "masks"), Output = Path.Combine(root, "refused"),
        }, _ => { });
        refused.Should().Throw<ArgumentException>().WithMessage("--masks needs a model with anomaly maps*--representation patches*");
        string plain = Path.Combine(root, "plain");
        var lines = new List<string>();
        EvaluateCommand.Evaluate(new EvaluateCommand.Settings { Model = pooled, Images = Path.Combine(root, "test"), Output = plain }, lines.Add);
        File.Exists(Path.Combine(plain, "maps.png")).Should().BeFalse();
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(plain, "evaluation.json"))))
        {
            json.RootElement.TryGetProperty("localization", out _).Should().BeFalse();
            json.RootElement.TryGetProperty("maps", out _).Should().BeFalse();
        }
        lines.Should().Contain(l => l.StartsWith("ROC AUC ") && !l.Contains("pixel") && l.Contains("report, roc.png and histogram.png in "), "the line of a model without maps is unchanged");
    }

    [Fact]
    public void Masks_are_checked_before_anything_runs()
    {
        Directory.CreateDirectory(Path.Combine(root, "images", "masks"));
        File.WriteAllText(Path.Combine(root, "model.zip"), "");
        new EvaluateCommand.Settings { Model = Path.Combine(root, "model.zip"), Masks = Path.Combine(root, "images", "masks") }
            .Validate().Message.Should().Contain("--masks goes with --images");
        new EvaluateCommand.Settings { Model = Path.Combine(root, "model.zip"), Images = Path.Combine(root, "images"), Masks = Path.Combine(root, "none") }
            .Validate().Message.Should().Contain("is not a folder");
        new EvaluateCommand.Settings { Model = Path.Combine(root, "model.zip"), Images = Path.Combine(root, "images"), Masks = Path.Combine(root, "images", "masks") }
            .Validate().Message.Should().Contain("is inside --images");
        new EvaluateCommand.Settings { Model = Path.Combine(root, "model.zip"), MapsCount = 0 }.Validate().Message.Should().Contain("--maps-count");
    }

    private static void WriteImages(string folder, IEnumerable<Cifar10Image> images, bool square)
    {
        Directory.CreateDirectory(folder);
        int index = 0;
        foreach (var image in images)
        {
            var rgb = new byte[3 * Plane];
            for (int p = 0; p < Plane; p++)
            {
                bool inSquare = square && p / 32 is >= 10 and < 18 && p % 32 is >= 12 and < 20;
                for (int c = 0; c < 3; c++) rgb[3 * p + c] = inSquare ? (byte)(c == 0 ? 255 : 0) : (byte)image.Image[c * Plane + p];
            }
            File.WriteAllBytes(Path.Combine(folder, $"{index++:D4}.png"), PngEncoder.Encode(rgb, 32, 32, 3));
        }
    }
}
