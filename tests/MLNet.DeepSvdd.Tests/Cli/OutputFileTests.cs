using System.Text.RegularExpressions;
using MLNet.DeepSvdd.Cli.Commands;
using MLNet.DeepSvdd.Cli.Files;
using MLNet.DeepSvdd.Cli;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>Files the user keeps are written all or nothing (<see cref="AtomicFile"/>), and bad destinations are refused before any work.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class OutputFileTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "deepsvdd-out-" + Guid.NewGuid().ToString("N"));

    public OutputFileTests() => Directory.CreateDirectory(root);

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_the_previous_file_intact_and_no_temporary_file()
    {
        string path = Path.Combine(root, "model.zip");
        File.WriteAllText(path, "the good model");

        var failing = () => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[4096]);
            throw new IOException("No space left on device");
        });

        failing.Should().Throw<IOException>().WithMessage("No space left on device");
        File.ReadAllText(path).Should().Be("the good model");
        Directory.GetFiles(root).Should().Equal(path);

        AtomicFile.WriteAllText(path, "the new model");
        File.ReadAllText(path).Should().Be("the new model");
        Directory.GetFiles(root).Should().Equal(path);
        AtomicFile.WriteAllText(Path.Combine(root, "new", "deeper", "x.json"), "{}");
        File.ReadAllText(Path.Combine(root, "new", "deeper", "x.json")).Should().Be("{}", "a missing folder is created");
    }

    [Fact]
    public void Train_refuses_a_model_path_that_is_a_folder_before_training()
    {
        string images = Path.Combine(root, "images");
        CliImageFiles.Write(images, CliImageFiles.OfClass(1, 10));
        string folder = Path.Combine(root, "models");
        Directory.CreateDirectory(folder);
        var log = new List<string>();

        var train = () => TrainCommand.Train(new TrainCommand.Settings { Images = images, Model = folder, Network = DeepSvddNetwork.LeNet, Epochs = 2 }, log.Add);

        train.Should().Throw<ArgumentException>().WithMessage($"--model '{folder}' is a folder; expected a file path*");
        log.Should().BeEmpty("nothing is loaded or trained before the destination is checked");
        CliApp.Create().Run(["train", "--images", images, "--model", folder, "--network", "lenet"]).Should().Be(ExitCodes.BadInput);
        Directory.GetFileSystemEntries(folder).Should().BeEmpty();
    }

    [Fact]
    public void Train_replaces_an_existing_model_and_leaves_no_temporary_file()
    {
        string images = Path.Combine(root, "images");
        CliImageFiles.Write(images, CliImageFiles.OfClass(1, 10));
        string model = Path.Combine(root, "models", "m.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        File.WriteAllText(model, "an older model");

        TrainCommand.Train(new TrainCommand.Settings { Images = images, Model = model, Network = DeepSvddNetwork.LeNet, Epochs = 1 }, _ => { });

        new Microsoft.ML.MLContext().Model.LoadDeepSvdd(model, out _).Should().NotBeNull();
        Directory.GetFiles(Path.GetDirectoryName(model)!).Should().Equal(model);
    }

    [Fact]
    public void Score_out_a_folder_is_refused_before_scoring_and_leaves_nothing_behind()
    {
        // Today: "score --out <dir>" scores, then fails to rename and leaves <dir>.tmp.
        string images = Path.Combine(root, "images");
        CliImageFiles.Write(images, CliImageFiles.OfClass(1, 12));
        string model = Path.Combine(root, "m.zip");
        TrainCommand.Train(new TrainCommand.Settings { Images = images, Model = model, Network = DeepSvddNetwork.LeNet, Epochs = 1 }, _ => { });
        string folder = Path.Combine(root, "scores");
        Directory.CreateDirectory(folder);
        var log = new List<string>();

        var score = () => ScoreCommand.Score(new ScoreCommand.Settings { Model = model, Images = images, Output = folder }, log.Add);

        score.Should().Throw<ArgumentException>().WithMessage($"--out '{folder}' is a folder; expected a file path*");
        log.Should().BeEmpty();
        File.Exists(folder + ".tmp").Should().BeFalse();
        Directory.GetFileSystemEntries(root).Select(Path.GetFileName).Should().BeEquivalentTo(["images", "m.zip", "scores"]);
        Directory.GetFileSystemEntries(folder).Should().BeEmpty();
        CliApp.Create().Run(["score", "--model", model, "--images", images, "--out", folder]).Should().Be(ExitCodes.BadInput);
    }

    [Fact]
    public void Every_file_the_cli_writes_goes_through_AtomicFile()
    {
        // A guard over the CLI's source: a new File.WriteAllText (or similar) would write a kept file in place again.
        string? cli = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && cli is null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "MLNet.DeepSvdd.Cli"))) cli = Path.Combine(dir.FullName, "src", "MLNet.DeepSvdd.Cli");
        cli.Should().NotBeNull("the tests run inside the repository");
        var direct = new Regex(@"\bFile\.(WriteAll\w*|AppendAll\w*|Create|Move|Copy|OpenWrite)\(|new FileStream\(|Model\.Save\([^;]*,(?!\s*stream\))\s*[^,;]+\);");
        var allowed = new Dictionary<string, string>
        {
            [Path.Combine("Files", "AtomicFile.cs")] = "the helper itself",
            [Path.Combine("Files", "OutputPath.cs")] = "the write probe (deleted on close)",
            [Path.Combine("Benchmarks", "DeepSvddBench.cs")] = "a temporary model for the reload benchmark, deleted after it",
        };
        var offenders = Directory.GetFiles(cli!, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => !allowed.ContainsKey(Path.GetRelativePath(cli!, f)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(cli!, f), Line: i + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("///") && direct.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}").ToList();
        offenders.Should().BeEmpty();
    }

    [Fact]
    public void Output_folders_that_are_files_or_under_a_file_are_refused_naming_the_option()
    {
        string file = Path.Combine(root, "report.txt");
        File.WriteAllText(file, "x");

        var asFolder = () => OutputPath.CheckFolder(file, "--out");
        asFolder.Should().Throw<ArgumentException>().WithMessage($"--out '{file}' is a file; expected a folder*");
        var under = () => OutputPath.CheckFile(Path.Combine(file, "m.zip"), "--model");
        under.Should().Throw<ArgumentException>().WithMessage($"--model*'{file}' is a file*");
        OutputPath.CheckFile(Path.Combine(root, "a", "b", "m.zip"), "--model").Should().Be(Path.Combine(root, "a", "b", "m.zip"));
        Directory.Exists(Path.Combine(root, "a", "b")).Should().BeTrue("the parent folder is created by the check");
        Directory.GetFiles(Path.Combine(root, "a", "b")).Should().BeEmpty("the write probe is removed");
    }
}
