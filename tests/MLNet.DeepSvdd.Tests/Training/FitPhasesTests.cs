using System.Diagnostics;
using Microsoft.ML;
using MLNet.DeepSvdd.Tests.Support;

namespace MLNet.DeepSvdd.Tests.Training;

public class FitPhasesTests
{
    [Fact]
    public void The_fit_phases_are_disjoint_parts_of_the_fit_and_the_steps_are_the_epochs()
    {
        var ml = new MLContext(seed: 1);
        var (train, validation) = Fixtures.SyntheticSplit(ml, trainRows: 300, testRows: 100);
        var clock = Stopwatch.StartNew();
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o =>
        {
            o.Epochs = 3;
            o.ValidationSet = validation;
        })).Fit(train);
        clock.Stop();

        var phases = model.Report.Phases!;
        phases.Should().NotBeNull();
        new[] { phases.Loading, phases.InputStatistics, phases.Center, phases.Steps, phases.Validation, phases.Final }
            .Should().OnlyContain(t => t > TimeSpan.Zero, "every phase ran (a validation set was given)");
        phases.Total.Should().Be(model.Report.Duration);
        phases.Measured.Should().BeLessThanOrEqualTo(phases.Total);
        phases.Other.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero);
        phases.Total.Should().BeLessThanOrEqualTo(clock.Elapsed, "the report times the fit from inside");
        phases.Steps.Should().Be(TimeSpan.FromTicks(model.Report.Epochs.Sum(e => e.Duration.Ticks)));
    }

    [Fact]
    public void Without_a_validation_set_the_validation_phase_is_zero()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml, trainRows: 200, testRows: 10);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => o.Epochs = 1)).Fit(train);
        model.Report.Phases!.Validation.Should().Be(TimeSpan.Zero);
        model.Report.Phases.Steps.Should().Be(model.Report.Epochs[1].Duration, "epoch 0 is the untrained network: no steps");
        model.Report.Epochs[0].Duration.Should().Be(TimeSpan.Zero);
    }
}
