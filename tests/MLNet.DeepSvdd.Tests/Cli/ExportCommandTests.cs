using System.Text.RegularExpressions;
using MLNet.DeepSvdd.Cli;
using MLNet.DeepSvdd.Cli.Commands;
using MLNet.DeepSvdd.Tests.Onnx;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>
/// Issue 24: <c>deepsvdd export</c> never replaces its own input, exports the shallow detectors, says why GEO cannot be exported, and
/// refuses a <c>--check</c> it cannot hold before writing anything.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class ExportCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("deepsvdd-export-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string CopyModel(string name)
    {
        string path = Path.Combine(root, "m.zip");
        File.Copy(SmallDetectors.Get(name).Path, path, overwrite: true);
        return path;
    }

    [Fact]
    public void Export_refuses_an_onnx_path_that_is_the_model_however_it_is_spelled()
    {
        string model = CopyModel("DeepSvdd");
        var original = File.ReadAllBytes(model);
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        File.CreateSymbolicLink(Path.Combine(root, "link.zip"), model);
        Directory.CreateSymbolicLink(Path.Combine(root, "alias"), root);
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, model);

        foreach (string onnx in new[] { model, relative, Path.Combine(root, "sub", "..", "m.zip"), Path.Combine(root, "link.zip"), Path.Combine(root, "alias", "m.zip") })
        {
            var export = () => ExportCommand.Export(new ExportCommand.Settings { Model = model, Onnx = onnx }, _ => { });
            export.Should().Throw<ArgumentException>().WithMessage("--onnx * is the same file as --model *", onnx);
            File.ReadAllBytes(model).Should().Equal(original, onnx);
        }
        var (code, output) = CliRun.Run("export", "--model", Path.Combine(root, "alias", "m.zip"), "--onnx", Path.Combine(root, "link.zip"));
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain("is the same file as --model");
        File.ReadAllBytes(model).Should().Equal(original);
        Directory.GetFiles(root).Select(Path.GetFileName).Should().BeEquivalentTo(["m.zip", "link.zip"], "no temporary file is left");
    }

    [Theory]
    [InlineData("IsolationForest")]
    [InlineData("OneClassSvm")]
    public void Export_writes_the_shallow_detectors_and_ONNX_Runtime_scores_like_the_model(string name)
    {
        var detector = SmallDetectors.Get(name);
        string model = CopyModel(name), onnx = Path.Combine(root, "m.onnx");
        var log = new List<string>();

        long size = ExportCommand.Export(new ExportCommand.Settings { Model = model, Onnx = onnx, Check = 200 }, log.Add);

        size.Should().Be(new FileInfo(onnx).Length);
        log[0].Should().Contain(name).And.Contain("ONNX opset 13");
        var check = log.Single(l => l.StartsWith("Check on 200 random rows", StringComparison.Ordinal));
        double difference = double.Parse(Regex.Match(check, @"difference ([0-9.E+-]+);").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        difference.Should().BeLessThanOrEqualTo(1e-4, check);
        var rows = detector.Rows(30, 7).ToList();
        var ml = new MLContext(1);
        var expected = SmallDetectors.Scores(detector.Model, SmallDetectors.View(ml, rows, detector.InputSize));
        var (scores, labels) = OnnxCases.RunOnnx(File.ReadAllBytes(onnx), "Features", rows);
        double scale = detector.Model is OneClassSvmTransformer svm ? svm.Rho : 0;
        OnnxCases.MaxRelativeError(scores, expected, scale).Should().BeLessThanOrEqualTo(1e-4);
        labels.Should().Equal(SmallDetectors.Labels(detector.Model, SmallDetectors.View(ml, rows, detector.InputSize)));
    }

    [Fact]
    public void Export_of_a_GEO_model_says_that_it_cannot_and_why_and_writes_nothing()
    {
        string model = CopyModel("Geo"), onnx = Path.Combine(root, "geo.onnx");

        var export = () => ExportCommand.Export(new ExportCommand.Settings { Model = model, Onnx = onnx }, _ => { });

        export.Should().Throw<InvalidDataException>().WithMessage("--model * holds a GEO model, which cannot be exported to ONNX: *72 geometric transformations*LoadGeo*");
        File.Exists(onnx).Should().BeFalse();
    }

    [Fact]
    public void A_check_larger_than_one_array_holds_is_refused_before_the_file_is_written()
    {
        new ExportCommand.Settings { Model = CopyModel("DeepSvdd"), Onnx = "x.onnx", Check = 2_000_000 }.Validate().Message
            .Should().Be("--check 2000000: expected 0 (no check) or a number of rows up to 1,000,000.");
        ParityCheck.MaxRows(3 * 32 * 32).Should().Be(Array.MaxLength / 3072, "700 000 CIFAR-10 rows are 2.15 billion values, more than an array holds");
        ParityCheck.MaxRows(10).Should().Be(1_000_000);

        // A real model of CIFAR-10's row size: 700 000 rows pass the option's own limit but not the model's, and nothing is written.
        var ml = new MLContext(seed: 1);
        var random = new Random(5);
        var train = SmallDetectors.View(ml, Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, 3072).Select(_ => (float)random.NextDouble()).ToArray()), 3072);
        var detector = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.Epochs = 1; o.HiddenLayers = [4]; o.RepresentationDimension = 2; o.NoiseHeads = 2; }))
            .Fit(train);
        string model = Path.Combine(root, "cifar-sized.zip"), onnx = Path.Combine(root, "cifar-sized.onnx");
        ml.Model.Save(detector, train.Schema, model);
        Array.MaxLength.Should().Be(2_147_483_591, "the limit below is derived from it: 2 147 483 591 / 3072 = 699 050");

        var export = () => ExportCommand.Export(new ExportCommand.Settings { Model = model, Onnx = onnx, Check = 700_000 }, _ => { });

        export.Should().Throw<ArgumentException>().WithMessage("--check 700000: rows of 3072 values allow at most 699,050 rows for this model.");
        File.Exists(onnx).Should().BeFalse("the refusal comes before the ONNX file is written");
        Directory.GetFiles(root).Should().OnlyContain(f => f.EndsWith(".zip", StringComparison.Ordinal), "no temporary file of the export either");
    }

    [Fact]
    public void Model_options_say_what_a_folder_and_an_ONNX_file_are()
    {
        string folder = Path.Combine(root, "models");
        Directory.CreateDirectory(folder);
        string model = CopyModel("IsolationForest"), onnx = Path.Combine(root, "m.onnx");
        ExportCommand.Export(new ExportCommand.Settings { Model = model, Onnx = onnx }, _ => { });
        string images = Path.Combine(root, "images");
        CliImageFiles.Write(images, CliImageFiles.OfClass(1, 2));

        var (code, output) = CliRun.Run("export", "--model", folder, "--onnx", Path.Combine(root, "x.onnx"));
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain($"--model '{folder}' is a folder; expected a model .zip file");
        (code, output) = CliRun.Run("score", "--model", folder, "--images", images);
        output.Should().Contain("is a folder; expected a model .zip file");
        (code, output) = CliRun.Run("score", "--model", onnx, "--images", images, "--out", Path.Combine(root, "s.csv"));
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain($"Model file '{onnx}' is an ONNX file, not an ML.NET model");
        var load = () => new MLContext().Model.LoadBaselines(onnx, out _);
        load.Should().Throw<InvalidDataException>().WithMessage("*is an ONNX file, not an ML.NET model*ONNX Runtime*");
    }

    [Fact]
    public void Score_and_evaluate_refuse_outputs_that_are_their_own_input()
    {
        string model = CopyModel("DeepSvdd");
        var original = File.ReadAllBytes(model);
        string images = Path.Combine(root, "images");
        CliImageFiles.Write(images, CliImageFiles.OfClass(1, 2));

        var (code, output) = CliRun.Run("score", "--model", model, "--images", images, "--out", Path.Combine(root, "sub", "..", "m.zip"));
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain("--out").And.Contain("is the same file as --model");
        File.ReadAllBytes(model).Should().Equal(original);
        (code, output) = CliRun.Run("evaluate", "--model", model, "--images", images, "--out", Path.Combine(images, "report"));
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain("is inside --images");
        Directory.Exists(Path.Combine(images, "report")).Should().BeFalse();
        string first = Directory.GetFiles(images, "*.png", SearchOption.AllDirectories).First();
        (code, output) = CliRun.Run("score", "--model", model, "--images", images, "--out", first);
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain("is an image path inside --images");
        (code, output) = CliRun.Run("score", "--model", model, "--images", images, "--out", Path.Combine(root, "s.csv"), "--maps", Path.Combine(images, "maps.png"));
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain("--maps").And.Contain("is an image path inside --images");
        (code, output) = CliRun.Run("score", "--model", model, "--images", images, "--out", Path.Combine(root, "s.csv"), "--maps", Path.Combine(root, "link-free", "..", "m.zip"));
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain("--maps").And.Contain("is the same file as --model");
        File.ReadAllBytes(model).Should().Equal(original);
        File.Exists(Path.Combine(images, "maps.png")).Should().BeFalse();
    }
}
