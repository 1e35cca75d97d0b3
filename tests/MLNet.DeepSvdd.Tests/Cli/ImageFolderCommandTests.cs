using System.Text.Json;
using MLNet.DeepSvdd.Cli.Commands;
using MLNet.DeepSvdd.Cli;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>
/// <c>--images</c> folders of train, evaluate and score: every image under the folder (root and nested folders) in ordinal path order,
/// evaluate's anomaly sub-folder, and images that do not decode (named and skipped, or fatal with --strict).
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class ImageFolderCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "deepsvdd-folders-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Train_uses_the_root_images_and_the_nested_ones()
    {
        // The case: 60 images in the folder and 2 in thumbs/ trained on the 2.
        string images = Path.Combine(root, "photos");
        CliImageFiles.Write(images, CliImageFiles.OfClass(1, 60));
        CliImageFiles.Write(Path.Combine(images, "thumbs"), CliImageFiles.OfClass(1, 2, skip: 60), prefix: "t");
        var log = new List<string>();

        var model = TrainCommand.Train(new TrainCommand.Settings { Images = images, Model = Path.Combine(root, "m.zip"), Network = DeepSvddNetwork.LeNet, Epochs = 1 }, log.Add);

        new MLContext().Model.GetDeepSvdd(model).Report.TrainingRows.Should().Be(62, "60 root images + 2 in thumbs/");
        log.Should().Contain(l => l.Contains("(62 images"));
    }

    [Fact]
    public void Score_writes_every_image_root_included_in_ordinal_path_order()
    {
        string images = Path.Combine(root, "incoming");
        var train = CliImageFiles.OfClass(1, 8).ToList();
        // Written in a scrambled order, nested at several depths, next to a hidden folder and a non-image file that are left out.
        var layout = new[] { "z.png", Path.Combine("sub", "deeper", "d.png"), "a.png", Path.Combine("sub", "c.png"), "B.png", Path.Combine("Sub2", "e.png") };
        for (int i = 0; i < layout.Length; i++)
        {
            string path = Path.Combine(images, layout[i]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, CliImageFiles.Png(train[i]));
        }
        Directory.CreateDirectory(Path.Combine(images, ".cache"));
        File.WriteAllBytes(Path.Combine(images, ".cache", "x.png"), CliImageFiles.Png(train[6]));
        File.WriteAllText(Path.Combine(images, "notes.txt"), "not an image");
        string model = TrainSmallModel();
        string csv = Path.Combine(root, "scores.csv");

        ScoreCommand.Score(new ScoreCommand.Settings { Model = model, Images = images, Output = csv }, _ => { }).Should().Be(6);

        var names = File.ReadAllLines(csv).Skip(1).Select(l => Path.GetRelativePath(images, l.Split(',')[0])).ToList();
        // Ordinal: upper case before lower case, "sub/…" before "z.png".
        names.Should().Equal("B.png", Path.Combine("Sub2", "e.png"), "a.png", Path.Combine("sub", "c.png"), Path.Combine("sub", "deeper", "d.png"), "z.png");
    }

    [Fact]
    public void Linked_folders_are_followed_once_and_a_link_back_up_does_not_loop()
    {
        string images = Path.Combine(root, "linked");
        var png = CliImageFiles.Png(CliImageFiles.OfClass(1, 1).Single());
        foreach (string file in new[] { "a.png", Path.Combine("sub", "b.png"), Path.Combine("..", "outside", "c.png") })
        {
            string path = Path.GetFullPath(Path.Combine(images, file));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, png);
        }
        Directory.CreateSymbolicLink(Path.Combine(images, "sub", "up"), images);                       // a cycle
        Directory.CreateSymbolicLink(Path.Combine(images, "more"), Path.Combine(root, "outside"));    // a folder elsewhere

        ImageFolderInput.List(images).Select(p => Path.GetRelativePath(images, p))
            .Should().Equal("a.png", Path.Combine("more", "c.png"), Path.Combine("sub", "b.png"));
    }

    [Fact]
    public void Evaluate_counts_the_anomaly_folder_as_anomalous_and_every_other_image_as_normal()
    {
        string test = Path.Combine(root, "test");
        CliImageFiles.Write(test, CliImageFiles.OfClass(1, 5, skip: 100), prefix: "root");           // normal, in the folder itself
        CliImageFiles.Write(Path.Combine(test, "normal"), CliImageFiles.OfClass(1, 7, skip: 110));  // normal
        CliImageFiles.Write(Path.Combine(test, "anomaly"), CliImageFiles.OfClass(3, 4));            // anomalous
        CliImageFiles.Write(Path.Combine(test, "anomaly", "more"), CliImageFiles.OfClass(4, 2));    // anomalous, nested
        string model = TrainSmallModel();
        string output = Path.Combine(root, "evaluation");

        EvaluateCommand.Evaluate(new EvaluateCommand.Settings { Model = model, Images = test, Output = output }, _ => { });

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "evaluation.json")));
        report.RootElement.GetProperty("rows").GetInt32().Should().Be(18);
        report.RootElement.GetProperty("anomalies").GetInt32().Should().Be(6);
        // The plots are drawn in the process that just decoded the images (OxyPlot and ML.NET's image pipeline share SkiaSharp 2.88).
        foreach (string png in new[] { "roc.png", "histogram.png" })
            File.ReadAllBytes(Path.Combine(output, png)).Take(4).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png);

        string anomaliesOnly = Path.Combine(root, "anomalies-only");
        CliImageFiles.Write(Path.Combine(anomaliesOnly, "anomaly"), CliImageFiles.OfClass(3, 2));
        var onlyAnomalies = () => ImageSources.Folder(anomaliesOnly, "anomaly", strict: false, _ => { });
        onlyAnomalies.Should().Throw<InvalidDataException>().WithMessage("*anomalous images only*normal images too*");
    }

    [Fact]
    public void An_image_that_does_not_decode_is_named_and_skipped_with_a_count()
    {
        string images = Path.Combine(root, "mixed");
        CliImageFiles.Write(images, CliImageFiles.OfClass(1, 6, skip: 200));
        string truncated = Path.Combine(images, "half.png");
        CliImageFiles.WriteTruncatedPng(truncated, CliImageFiles.OfClass(1, 1, skip: 300).Single());
        string garbage = Path.Combine(images, "nested", "garbage.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(garbage)!);
        File.WriteAllText(garbage, "this is not a JPEG");
        string model = TrainSmallModel();
        string csv = Path.Combine(root, "scores.csv");
        var log = new List<string>();

        int rows = ScoreCommand.Score(new ScoreCommand.Settings { Model = model, Images = images, Output = csv }, log.Add);

        rows.Should().Be(6);
        File.ReadAllLines(csv).Should().HaveCount(7).And.NotContain(l => l.Contains("half.png") || l.Contains("garbage.jpg"));
        log.Should().Contain(l => l.StartsWith("Warning: skipped") && l.Contains(truncated) && l.Contains("truncated"));
        log.Should().Contain(l => l.StartsWith("Warning: skipped") && l.Contains(garbage));
        log.Should().Contain("Warning: skipped 2 of 8 images that do not decode (--strict stops instead).");

        // Through the command line: exit code 0 with the warning (today: "Splitter/consolidator worker…", exit code 255).
        CliApp.Create().Run(["score", "--model", model, "--images", images, "--out", csv]).Should().Be(ExitCodes.Success);
        File.ReadAllLines(csv).Should().HaveCount(7);
    }

    [Fact]
    public void Strict_stops_at_an_image_that_does_not_decode_and_names_it()
    {
        string images = Path.Combine(root, "strict");
        CliImageFiles.Write(images, CliImageFiles.OfClass(1, 6, skip: 400));
        string truncated = Path.Combine(images, "sub", "half.png");
        Directory.CreateDirectory(Path.GetDirectoryName(truncated)!);
        CliImageFiles.WriteTruncatedPng(truncated, CliImageFiles.OfClass(1, 1, skip: 410).Single());
        string model = Path.Combine(root, "strict.zip");

        var train = () => TrainCommand.Train(new TrainCommand.Settings { Images = images, Model = model, Network = DeepSvddNetwork.LeNet, Epochs = 1, Strict = true }, _ => { });
        train.Should().Throw<InvalidDataException>().WithMessage($"--strict: 1 of 7 images under '{images}' do not decode: '{truncated}': truncated*");
        File.Exists(model).Should().BeFalse();
        CliApp.Create().Run(["train", "--images", images, "--model", model, "--network", "lenet", "--epochs", "1", "--strict"]).Should().Be(ExitCodes.BadInput);
        File.Exists(model).Should().BeFalse();
    }

    [Fact]
    public void Decoding_check_tells_complete_images_from_broken_ones()
    {
        Directory.CreateDirectory(root);
        var image = CliImageFiles.OfClass(5, 1).Single();
        string good = Path.Combine(root, "good.png"), half = Path.Combine(root, "half.png"), empty = Path.Combine(root, "empty.png"), text = Path.Combine(root, "text.png");
        File.WriteAllBytes(good, CliImageFiles.Png(image));
        CliImageFiles.WriteTruncatedPng(half, image);
        File.WriteAllBytes(empty, []);
        File.WriteAllText(text, "hello");

        ImageDecodeCheck.Problem(good).Should().BeNull();
        ImageDecodeCheck.Problem(half).Should().Contain("truncated");
        ImageDecodeCheck.Problem(empty).Should().Contain("empty");
        ImageDecodeCheck.Problem(text).Should().Contain("not an image");
    }

    private string TrainSmallModel()
    {
        string folder = Path.Combine(root, "train-" + Guid.NewGuid().ToString("N")[..6]);
        CliImageFiles.Write(folder, CliImageFiles.OfClass(1, 20, skip: 500));
        string model = Path.Combine(root, Path.GetFileName(folder) + ".zip");
        TrainCommand.Train(new TrainCommand.Settings { Images = folder, Model = model, Network = DeepSvddNetwork.LeNet, Epochs = 1 }, _ => { });
        return model;
    }
}
