using MLNet.DeepSvdd.Cli.Benchmarks;
using MLNet.DeepSvdd.Cli.Commands;

namespace MLNet.DeepSvdd.Tests.Cli;

public class BenchCommandTests
{
    [Fact]
    public void Bench_settings_expand_to_every_combination_and_reject_unknown_values()
    {
        var settings = new BenchCommand.Settings { Networks = "lenet,resnet18", Regularizers = "none,noise", Sizes = "32,224" };
        settings.Cases().Should().HaveCount(8).And.Contain(new BenchCase(DeepSvddNetwork.ResNet18, CollapseRegularizer.NoiseInjection, 224));
        new BenchCommand.Settings { Networks = "vgg" }.Validate().Successful.Should().BeFalse();
        new BenchCommand.Settings { Sizes = "64" }.Validate().Message.Should().Contain("--sizes takes 32 and/or 224");
        new BenchCommand.Settings { Epochs = 0 }.Validate().Successful.Should().BeFalse();
    }

    [Fact]
    public void A_small_bench_case_measures_every_path()
    {
        var result = DeepSvddBench.Run(new BenchCase(DeepSvddNetwork.LeNet, CollapseRegularizer.NoiseInjection, 32), images: 100, epochs: 2);
        new[] { result.TrainSteps, result.FitPath, result.BareForward, result.Transform, result.PredictionEngine, result.Reloaded, result.PeakMemoryMb }
            .Should().OnlyContain(v => v > 0 && double.IsFinite(v));
        result.FitPath.Should().BeLessThan(result.TrainSteps * 2, "the Fit path includes the steps and more");
        result.Phases.Total.Should().BeGreaterThan(0);
        result.Phases.Steps.Should().BeGreaterThan(0);
        result.Phases.Phases.Sum(p => p.Seconds).Should().BeLessThanOrEqualTo(result.Phases.Total, "the phases are disjoint parts of the Fit");
        new BenchCase(DeepSvddNetwork.ResNet18Pretrained, CollapseRegularizer.None, 32).PeerNetwork.Should().BeNull("the peer has no pretrained weights");
        result.TransformWithMaps.Should().BeNull("LeNet has no patch branch");
        result.MapCost.Should().BeNull();
    }

    [Fact]
    [Trait(TestCategories.Name, TestCategories.Slow)] // trains two ResNet-18 models
    public void A_ResNet_case_also_measures_scoring_with_anomaly_maps()
    {
        var result = DeepSvddBench.Run(new BenchCase(DeepSvddNetwork.ResNet18, CollapseRegularizer.None, 32), images: 60, epochs: 1);
        result.TransformWithMaps.Should().BePositive().And.Match(v => double.IsFinite(v!.Value));
        result.MapCost.Should().Be(1 - result.TransformWithMaps!.Value / result.Transform, "the share of batched throughput the maps cost");
    }

    [Fact]
    public void The_map_cost_is_the_share_of_throughput_lost()
    {
        var phases = new PhaseBreakdown(0, 0, 0, 0, 0, 0, 0, 0);
        var result = new BenchResult(new BenchCase(DeepSvddNetwork.ResNet18, CollapseRegularizer.None, 32), 1, 1, 1, Transform: 1000, 1, 1, 1, phases,
            TransformWithMaps: 850);
        result.MapCost.Should().BeApproximately(0.15, 1e-12);
    }
}
