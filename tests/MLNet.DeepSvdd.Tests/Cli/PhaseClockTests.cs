using MLNet.DeepSvdd.Cli.Benchmarks;
using MLNet.DeepSvdd.Training;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>The bench's phase timing: the trainer reports phase boundaries, <see cref="PhaseClock"/> times them from outside the loop.</summary>
public class PhaseClockTests
{
    [Fact]
    public void The_fit_phases_are_disjoint_parts_of_the_fit_and_the_steps_are_the_epochs()
    {
        var ml = new MLContext(seed: 1);
        var (train, validation) = Fixtures.SyntheticSplit(ml, trainRows: 300, testRows: 100);
        var phases = new PhaseClock();
        var clock = Stopwatch.StartNew();
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o =>
        {
            o.Epochs = 3;
            o.ValidationSet = validation;
            o.Progress = phases;
        })).Fit(train);
        clock.Stop();

        var b = phases.Breakdown(model.Report);
        b.Phases.Should().OnlyContain(p => p.Seconds > 0, "every phase ran (a validation set was given)");
        b.Total.Should().Be(model.Report.Duration.TotalSeconds);
        model.Report.Duration.Should().BeLessThanOrEqualTo(clock.Elapsed, "the report times the fit from inside");
        // Timed by separate stopwatches: the sum only stays within the trainer's total when the phases are disjoint parts of the fit.
        b.Phases.Sum(p => p.Seconds).Should().BeLessThanOrEqualTo(b.Total);
        b.Other.Should().BeGreaterThanOrEqualTo(0);
        // The steps are the epochs' durations as the progress reports carried them, which must be the report's epochs.
        phases.Epochs.Should().Equal(model.Report.Epochs);
        b.Steps.Should().Be(TimeSpan.FromTicks(model.Report.Epochs.Sum(e => e.Duration.Ticks)).TotalSeconds);
        model.Report.TrainedEpochs.Should().OnlyContain(e => e.Duration > TimeSpan.Zero);
    }

    [Fact]
    public void Without_a_validation_set_there_is_no_validation_phase()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml, trainRows: 200, testRows: 10);
        var phases = new PhaseClock();
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.Epochs = 1; o.Progress = phases; })).Fit(train);
        var b = phases.Breakdown(model.Report);
        phases[FitPhase.Validation].Should().Be(TimeSpan.Zero, "the trainer never entered the validation phase");
        b.Validation.Should().Be(0);
        new[] { b.Loading, b.InputStatistics, b.Center, b.Final }.Should().OnlyContain(s => s > 0);
        b.Steps.Should().Be(model.Report.Epochs[1].Duration.TotalSeconds, "epoch 0 is the untrained network: no steps");
        model.Report.Epochs[0].Duration.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void The_clock_rejects_overlapping_or_unmatched_phases_and_a_fit_it_did_not_hear()
    {
        var phases = new PhaseClock();
        phases.PhaseStarted(FitPhase.Loading);
        var overlap = () => phases.PhaseStarted(FitPhase.Center);
        overlap.Should().Throw<InvalidOperationException>();
        var unmatched = () => phases.PhaseEnded(FitPhase.Center);
        unmatched.Should().Throw<InvalidOperationException>();

        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml, trainRows: 100, testRows: 10);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => o.Epochs = 1)).Fit(train);
        var unheard = () => new PhaseClock().Breakdown(model.Report);
        unheard.Should().Throw<InvalidOperationException>();
    }
}
