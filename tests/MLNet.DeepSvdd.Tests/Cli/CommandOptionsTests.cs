using System.Xml.Linq;
using MLNet.DeepSvdd.Cli;
using MLNet.DeepSvdd.Cli.Commands;
using Spectre.Console;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>Each command lists and accepts only the options it uses; <c>--version</c> prints the package version.</summary>
public sealed class CommandOptionsTests
{
    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        int code = CliApp.Create(console).Run(args);
        return (code, writer.ToString());
    }

    /// <summary>The long option names a command's settings declare (what Spectre.Console.Cli parses and lists in its help).</summary>
    private static IReadOnlySet<string> Options<TSettings>() => typeof(TSettings)
        .GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
        .SelectMany(p => p.GetCustomAttributes(typeof(Spectre.Console.Cli.CommandOptionAttribute), inherit: true)
            .Cast<Spectre.Console.Cli.CommandOptionAttribute>())
        .SelectMany(a => a.LongNames).Select(n => "--" + n).ToHashSet();

    [Fact]
    public void Version_prints_the_version_defined_once_for_every_package()
    {
        // The one <Version> of Directory.Build.props, read independently of the assembly attributes the tool reports.
        string props = Path.Combine(RepositoryRoot(), "Directory.Build.props");
        string expected = XDocument.Load(props).Descendants("Version").Single().Value;

        var (code, output) = Run("--version");
        code.Should().Be(0);
        output.Trim().Should().Be(expected);
        CliApp.ToolVersion.Should().Be(expected);
    }

    [Fact]
    public void Score_and_evaluate_list_no_training_option_and_train_lists_no_evaluation_option()
    {
        var train = Options<TrainCommand.Settings>();
        var evaluate = Options<EvaluateCommand.Settings>();
        var score = Options<ScoreCommand.Settings>();
        foreach (string command in new[] { "train", "evaluate", "score" }) Run(command, "--help").ExitCode.Should().Be(0, command);

        train.Should().Contain(["--image-size", "--train-limit", "--epochs", "--images", "--seed"]).And.NotContain("--anomaly-folder");
        evaluate.Should().Contain(["--anomaly-folder", "--model", "--images", "--test-limit"])
            .And.NotContain(["--image-size", "--train-limit", "--epochs"]);
        score.Should().Contain(["--model", "--images", "--out"])
            .And.NotContain(["--image-size", "--train-limit", "--epochs", "--anomaly-folder"]);
    }

    [Theory]
    [InlineData("score", "--image-size", "64")]
    [InlineData("score", "--train-limit", "10")]
    [InlineData("score", "--anomaly-folder", "bad")]
    [InlineData("evaluate", "--image-size", "64")]
    [InlineData("evaluate", "--train-limit", "10")]
    [InlineData("train", "--anomaly-folder", "bad")]
    public void An_option_the_command_would_ignore_is_refused_and_named(string command, string option, string value)
    {
        var (code, output) = Run(command, "--model", "m.zip", option, value);
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain(option.TrimStart('-'), "the error names the option");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MLNet.DeepSvdd.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("MLNet.DeepSvdd.sln not found above " + AppContext.BaseDirectory);
    }
}
