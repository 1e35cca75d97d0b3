using System.Text.Json.Nodes;
using MLNet.DeepSvdd.Cli.Commands;

namespace MLNet.DeepSvdd.Tests.Cli;

[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class TuneCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "deepsvdd-tune-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private TuneCommand.Settings Small(TuneSpace space, int? trials = null, bool compare = false) => new()
    {
        Data = Cifar10Data.Directory, NormalClass = 1, TrainLimit = 60, ValidationLimit = 40, TestLimit = 40, Space = space, Epochs = 1,
        InputResolution = 32, Trials = trials, Compare = compare, Output = root,
    };

    [Fact]
    public void Tune_writes_the_leaderboard_as_Markdown_JSON_and_PNG()
    {
        var settings = Small(TuneSpace.Shallow);
        settings.Validate().Successful.Should().BeTrue();
        var log = new List<string>();

        var board = TuneCommand.Tune(settings, "deepsvdd tune --space shallow", log.Add, CancellationToken.None);

        board.Trials.Should().HaveCount(6, "the shallow part of the image space: 4 on ResNet-18 features, 2 on pixel PCA");
        log.Should().Contain(l => l.StartsWith("[6/6") && l.Contains("val AUC"), "progress is printed after every trial");
        File.ReadAllText(Path.Combine(root, "leaderboard.md")).Should().Contain("★").And.Contain("deepsvdd tune --space shallow").And.Contain(board.Best.Candidate);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "leaderboard.json")))!;
        json["leaderboard"]!["trials"]!.AsArray().Should().HaveCount(6);
        json["leaderboard"]!["selectedTrial"]!.GetValue<int>().Should().Be(board.Best.Number);
        json["leaderboard"]!["testRows"]!.GetValue<int>().Should().Be(40);
        File.ReadAllBytes(Path.Combine(root, "leaderboard.png")).Take(4).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 });
    }

    [Fact]
    public void Tune_honours_the_trial_budget_and_compares_against_the_defaults_and_the_paper_settings()
    {
        var board = TuneCommand.Tune(Small(TuneSpace.Deep, trials: 2, compare: true), "deepsvdd tune", _ => { }, CancellationToken.None);

        board.Trials.Should().HaveCount(2);
        board.StopReason.Should().Be("trial budget");
        board.Trials.Should().OnlyContain(t => t.Family == "Deep SVDD" && t.Epochs == 1);
        var references = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "leaderboard.json")))!["references"]!.AsArray();
        references.Select(r => r!["name"]!.GetValue<string>()).Should().SatisfyRespectively(
            r => r.Should().StartWith("library defaults"), r => r.Should().StartWith("paper's settings"));
        references.Should().OnlyContain(r => r!["testAuc"]!.GetValue<double>() >= 0 && r["testAuc"]!.GetValue<double>() <= 1);
    }

    [Fact]
    public void Bad_tune_options_are_refused_and_named()
    {
        // --strategy and --space are bound by their spellings (a bad one is refused before Validate; CommandOptionsTests runs the CLI).
        var strategy = () => new StrategySpellings().ConvertFromInvariantString("bayes");
        strategy.Should().Throw<OptionValueException>().WithMessage("--strategy 'bayes': expected halving, grid or random.");
        var space = () => new TuneSpaceSpellings().ConvertFromInvariantString("everything");
        space.Should().Throw<OptionValueException>().WithMessage("--space 'everything': expected default, deep, shallow or paper.");
        new TuneCommand.Settings { Anomaly = "bp3" }.Validate().Message.Should().Contain("bp3");
        new TuneCommand.Settings { TimeBudget = TimeSpan.Zero }.Validate().Message.Should().Contain("--time-budget");
        new TuneCommand.Settings { HalvingRate = 1 }.Validate().Message.Should().Contain("--halving-rate");
    }
}
