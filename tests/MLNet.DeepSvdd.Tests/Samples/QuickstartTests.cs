namespace MLNet.DeepSvdd.Tests.Samples;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class QuickstartTests
{
    [Fact]
    public void The_CIFAR_quickstart_runs_end_to_end_on_a_small_subset()
    {
        string text = ConsoleOutput(() => CifarQuickstart.Run(new CifarQuickstart.Settings(TrainImages: 100, Epochs: 1, TestImages: 300,
            DataPath: Support.Cifar10Data.Directory, Resolution: 48, ValidationImages: 200)));
        text.Should().Contain("D. SVDD w/ bias & noise reg.").And.Contain("Model.LoadDeepSvdd, Transform (batched)");
        text.Should().MatchRegex(@"D\. SVDD w/ bias\s+0\.\d{4}", "a test AUC is printed for each variant");
        text.Should().Contain("at 48 px", "the resolution option reaches the trainer");
    }

    [Fact]
    public void The_search_sample_selects_a_detector_and_reports_its_test_AUC()
    {
        string text = ConsoleOutput(() => SensorSearch.Run(epochs: 2, timeBudget: TimeSpan.FromMinutes(3)));
        text.Should().MatchRegex(@"\[12/\d+\] ", "progress is printed for every trial of the 12 candidates' first round");
        text.Should().Contain("| ★ |");
        text.Should().MatchRegex(@"Selected: .+; test AUC 0\.9\d{3}\.", "the sensors are easy: every family separates them well");
    }

    [Fact]
    public void The_command_line_keeps_the_documented_spellings_and_defaults()
    {
        var calls = new List<object>();
        var handlers = new QuickstartCommandLine.Handlers(settings => calls.Add(settings), () => calls.Add("sensors"), () => calls.Add("search"),
            args => calls.Add(string.Join(' ', args)));
        int Run(params string[] args) => QuickstartCommandLine.Run(args, handlers, TextWriter.Null);

        Run().Should().Be(0);
        calls[^1].Should().Be(new CifarQuickstart.Settings(), "no option: the settings' defaults");
        Run("--normal-class", "3", "--train", "50", "--epochs", "0", "--test", "0", "--resolution", "16", "--all-variants", "--data", "/d", "--seed", "7")
            .Should().Be(0);
        calls[^1].Should().Be(new CifarQuickstart.Settings(NormalClass: 3, TrainImages: 50, Epochs: 1, TestImages: 0, AllVariants: true,
            DataPath: "/d", Seed: 7, Resolution: 16), "--epochs 0 trains one epoch, as before");
        Run("cifar", "--seed", "2").Should().Be(0);
        calls[^1].Should().Be(new CifarQuickstart.Settings(Seed: 2));
        Run("sensors").Should().Be(0);
        calls[^1].Should().Be("sensors");
        Run("search").Should().Be(0);
        calls[^1].Should().Be("search");
        Run("finetune", "class=1", "res=128", "freeze=Layer2", "lr=1e-5", "epochs=8").Should().Be(0);
        calls[^1].Should().Be("class=1 res=128 freeze=Layer2 lr=1e-5 epochs=8");
        Run("finetune").Should().Be(0);
        calls[^1].Should().Be("");
    }

    [Theory]
    [InlineData("error: --normal-class must be 0–9.", "--normal-class", "10")]
    [InlineData("error: Option --train needs a whole number ≥ 0, got 'x'.", "--train", "x")]
    [InlineData("error: Option --seed needs a whole number ≥ 0, got '-1'.", "--seed", "-1")]
    [InlineData("error: --resolution must be at least 16 pixels.", "--resolution", "8")]
    [InlineData("'--epochs'", "--epochs")]
    [InlineData("'--bogus'", "--bogus")]
    public void A_usage_error_is_named_and_exits_with_2_before_any_work(string message, params string[] args)
    {
        var error = new StringWriter();
        var handlers = new QuickstartCommandLine.Handlers(_ => throw new InvalidOperationException("ran"), () => throw new InvalidOperationException("ran"),
            () => throw new InvalidOperationException("ran"), _ => throw new InvalidOperationException("ran"));
        QuickstartCommandLine.Run(args, handlers, error).Should().Be(QuickstartCommandLine.UsageError);
        error.ToString().Should().Contain(message).And.StartWith("error: ");
    }

    /// <summary>What <paramref name="run"/> writes to the console.</summary>
    private static string ConsoleOutput(Action run)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            run();
        }
        finally
        {
            Console.SetOut(original);
        }
        return output.ToString();
    }
}
