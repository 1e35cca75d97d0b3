using System.Xml.Linq;
using MLNet.DeepSvdd.Cli.Commands;
using MLNet.DeepSvdd.Cli;
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
        console.Profile.Width = 240; // one message, one line
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

    [Theory]
    [InlineData("--network 'vgg': expected auto, mlp, lenet, resnet18 or resnet18pretrained.", "train", "--model", "m.zip", "--network", "vgg")]
    [InlineData("--regularizer 'dropout': expected none, noise or variance.", "train", "--model", "m.zip", "--regularizer", "dropout")]
    [InlineData("--objective 'svdd': expected one-class or soft-boundary.", "train", "--model", "m.zip", "--objective", "svdd")]
    [InlineData("--freeze-through 'layer5': expected none, stem, layer1, layer2, layer3 or layer4.", "train", "--model", "m.zip", "--freeze-through", "layer5")]
    [InlineData("--strategy 'bayes': expected halving, grid or random.", "tune", "--strategy", "bayes")]
    [InlineData("--space 'everything': expected default, deep, shallow or paper.", "tune", "--space", "everything")]
    [InlineData("--network 'mlp': expected lenet, resnet18 or resnet18pretrained.", "bench", "--scaling", "--network", "mlp")]
    [InlineData("--networks 'vgg': expected lenet, resnet18 or resnet18pretrained (comma-separated).", "bench", "--networks", "lenet,vgg")]
    [InlineData("--regularizers 'dropout': expected none, noise or variance (comma-separated).", "bench", "--regularizers", "dropout")]
    public void A_bad_value_of_an_enum_option_exits_with_2_naming_the_option_and_the_accepted_values(string message, params string[] args)
    {
        var (code, output) = Run(args);
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain(message);
    }

    [Theory]
    // Every documented spelling (any case) binds: these command lines get past the option binding to Validate, which refuses the epochs.
    [InlineData("train", "--model", "m.zip", "--epochs", "0", "--network", "ResNet18Pretrained", "--regularizer", "VARIANCE", "--objective", "softboundary", "--freeze-through", "Layer2")]
    [InlineData("train", "--model", "m.zip", "--epochs", "0", "--network", "mlp", "--regularizer", "none", "--objective", "soft-boundary", "--freeze-through", "none")]
    [InlineData("train", "--model", "m.zip", "--epochs", "0", "--network", "auto", "--regularizer", "noise", "--objective", "oneclass", "--freeze-through", "stem")]
    [InlineData("tune", "--epochs", "0", "--strategy", "successive-halving", "--space", "Shallow")]
    [InlineData("tune", "--epochs", "0", "--strategy", "Grid", "--space", "paper")]
    [InlineData("tune", "--epochs", "0", "--strategy", "random", "--space", "deep")]
    [InlineData("bench", "--epochs", "0", "--scaling", "--network", "resnet18", "--networks", "lenet, resnet18pretrained", "--regularizers", "noise,variance")]
    public void Every_documented_spelling_of_an_enum_option_binds(params string[] args)
    {
        var (code, output) = Run(args);
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain("--epochs must be").And.NotContain("expected").And.NotContain("Failed to convert");
    }

    [Fact]
    public void Enum_options_bind_to_the_values_the_commands_used_to_map_their_strings_to()
    {
        new NetworkSpellings().ConvertFromInvariantString("resnet18pretrained").Should().Be(DeepSvddNetwork.ResNet18Pretrained);
        new NetworkSpellings().ConvertFromInvariantString("LeNet").Should().Be(DeepSvddNetwork.LeNet);
        new RegularizerSpellings().ConvertFromInvariantString("noise").Should().Be(CollapseRegularizer.NoiseInjection);
        new RegularizerSpellings().ConvertFromInvariantString("variance").Should().Be(CollapseRegularizer.VarianceHinge);
        new ObjectiveSpellings().ConvertFromInvariantString("one-class").Should().Be(DeepSvddObjective.OneClass);
        new ObjectiveSpellings().ConvertFromInvariantString("SoftBoundary").Should().Be(DeepSvddObjective.SoftBoundary);
        new FreezeThroughSpellings().ConvertFromInvariantString("layer3").Should().Be(BackboneStage.Layer3);
        new StrategySpellings().ConvertFromInvariantString("halving").Should().Be(MLNet.DeepSvdd.Selection.SearchStrategy.SuccessiveHalving);
        new TuneSpaceSpellings().ConvertFromInvariantString("default").Should().Be(TuneSpace.Default);
        // The defaults of the settings classes are the values of their documented default spellings.
        var train = new TrainCommand.Settings();
        (train.Network, train.Regularizer, train.Objective, train.FreezeThrough).Should().Be((DeepSvddNetwork.Auto, CollapseRegularizer.NoiseInjection, DeepSvddObjective.OneClass, (BackboneStage?)null));
        var tune = new TuneCommand.Settings();
        (tune.Strategy, tune.Space).Should().Be((MLNet.DeepSvdd.Selection.SearchStrategy.SuccessiveHalving, TuneSpace.Default));
        new BenchCommand.Settings().Network.Should().Be(DeepSvddNetwork.LeNet);
        // Numbers are no spelling (Spectre's own enum binding would take "99"), except --freeze-through's stage numbers, accepted before too.
        var number = () => new NetworkSpellings().ConvertFromInvariantString("2");
        number.Should().Throw<OptionValueException>();
        new FreezeThroughSpellings().ConvertFromInvariantString("4").Should().Be(BackboneStage.Layer3);
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
