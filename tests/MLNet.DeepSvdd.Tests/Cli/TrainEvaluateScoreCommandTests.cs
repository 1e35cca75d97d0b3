using MLNet.DeepSvdd.Cli.Commands;
using MLNet.DeepSvdd.Cli;

namespace MLNet.DeepSvdd.Tests.Cli;

[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class TrainEvaluateScoreCommandTests : IDisposable
{
    private const int Plane = 32 * 32;
    private readonly string root = Path.Combine(Path.GetTempPath(), "deepsvdd-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Train_evaluate_and_score_round_trip_on_an_image_folder()
    {
        var cifar = Cifar10Data.Dataset;
        var automobiles = Enumerable.Range(0, cifar.Train.Count).Where(i => cifar.Train[i].Class == 1).Take(120).Select(i => cifar.Train[i]);
        WriteImages(Path.Combine(root, "train"), automobiles);
        var testNormal = Enumerable.Range(0, cifar.Test.Count).Where(i => cifar.Test[i].Class == 1).Take(30).Select(i => cifar.Test[i]);
        var testAnomalous = Enumerable.Range(0, cifar.Test.Count).Where(i => cifar.Test[i].Class is 2 or 3).Take(30).Select(i => cifar.Test[i]);
        WriteImages(Path.Combine(root, "test", "normal"), testNormal);
        WriteImages(Path.Combine(root, "test", "anomaly"), testAnomalous);
        string model = Path.Combine(root, "model.zip");
        var log = new List<string>();

        var train = new TrainCommand.Settings { Images = Path.Combine(root, "train"), Model = model, Network = DeepSvddNetwork.LeNet, Epochs = 2, Seed = 3 };
        train.Validate().Successful.Should().BeTrue();
        TrainCommand.Train(train, log.Add);
        File.Exists(model).Should().BeTrue();
        log.Should().Contain(l => l.Contains("Epoch 2/2") && l.Contains("ETA"), "training shows progress with an ETA");

        string output = Path.Combine(root, "evaluation");
        double auc = EvaluateCommand.Evaluate(new EvaluateCommand.Settings { Model = model, Images = Path.Combine(root, "test"), Output = output }, log.Add);
        auc.Should().BeInRange(0, 1);
        foreach (string file in new[] { "evaluation.json", "roc.png", "histogram.png" }) File.Exists(Path.Combine(output, file)).Should().BeTrue(file);

        string csv = Path.Combine(root, "scores.csv");
        ScoreCommand.Score(new ScoreCommand.Settings { Model = model, Images = Path.Combine(root, "test"), Output = csv }, log.Add).Should().Be(60);
        var rows = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')).ToList();
        rows.Should().HaveCount(60);
        // The scores in the CSV give the AUC evaluate reported (an independent pair count over the CSV).
        var anomalous = rows.Where(r => r[0].Contains($"{Path.DirectorySeparatorChar}anomaly{Path.DirectorySeparatorChar}")).Select(r => double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var normal = rows.Where(r => r[0].Contains($"{Path.DirectorySeparatorChar}normal{Path.DirectorySeparatorChar}")).Select(r => double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        anomalous.Should().HaveCount(30);
        normal.Should().HaveCount(30);
        double pairs = anomalous.Sum(a => normal.Sum(n => a > n ? 1.0 : a == n ? 0.5 : 0.0)) / (30.0 * 30.0);
        pairs.Should().BeApproximately(auc, 1e-6);
    }

    [Fact]
    public void Bad_command_input_is_rejected_with_what_to_do()
    {
        new TrainCommand.Settings { Images = root }.Validate().Message.Should().Contain("is not a folder");
        Directory.CreateDirectory(root);
        new TrainCommand.Settings { Images = root }.Validate().Message.Should().Contain("--model <file.zip> is required");
        var network = () => new NetworkSpellings().ConvertFromInvariantString("vgg"); // bound by its spellings, before Validate
        network.Should().Throw<OptionValueException>().WithMessage("--network 'vgg': expected auto, mlp, lenet, resnet18 or resnet18pretrained.");
        new TrainCommand.Settings { Model = "m.zip", Anomaly = "blur3" }.Validate().Message.Should().Contain("bp2, bp4, bp8").And.Contain("cutpaste or scar");
        ImageSources.ParseAlteration("CutPaste").Should().BeOfType<MLNet.DeepSvdd.Datasets.Alterations.CutPaste>();
        ImageSources.ParseAlteration("scar").Should().BeOfType<MLNet.DeepSvdd.Datasets.Alterations.CutPasteScar>();
        new TrainCommand.Settings { Model = "m.zip", NormalClass = 10 }.Validate().Successful.Should().BeFalse();
        new EvaluateCommand.Settings { Model = Path.Combine(root, "none.zip") }.Validate().Message.Should().Contain("does not exist");

        WriteImages(Path.Combine(root, "only", "normal"), [Cifar10Data.Dataset.Test[0]]);
        var act = () => ImageSources.Folder(Path.Combine(root, "only"), "anomaly", strict: false, _ => { });
        act.Should().Throw<InvalidDataException>().WithMessage("*no 'anomaly' sub-folder*found: normal*");
    }

    [Fact]
    public void The_cli_registers_every_command()
    {
        foreach (string command in new[] { "train", "evaluate", "score", "reproduce", "bench" })
            CliApp.Create().Run([command, "--help"]).Should().Be(0, command);
        CliApp.Create().Run(["no-such-command"]).Should().NotBe(0);
        CliApp.Create().Run(["reproduce", "--table", "VII", "--profile", "smoke"]).Should().NotBe(0, "an unknown table is refused before any work");
    }

    private static void WriteImages(string folder, IEnumerable<Cifar10Image> images)
    {
        Directory.CreateDirectory(folder);
        int index = 0;
        foreach (var image in images)
        {
            var rgb = new byte[3 * Plane];
            for (int p = 0; p < Plane; p++)
                for (int c = 0; c < 3; c++) rgb[3 * p + c] = (byte)image.Image[c * Plane + p];
            File.WriteAllBytes(Path.Combine(folder, $"{index++:D4}.png"), MLNet.DeepSvdd.Datasets.Alterations.PngEncoder.Encode(rgb, 32, 32, 3));
        }
    }
}
