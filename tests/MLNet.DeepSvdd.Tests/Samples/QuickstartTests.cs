using MLNet.DeepSvdd.Tests.Support;

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
