namespace MLNet.DeepSvdd.Tests.Training;

public class ProgressTests
{
    /// <summary>A synchronous listener that records what it hears and on which thread.</summary>
    private sealed class Recorder : IProgress<EpochProgress>
    {
        public List<(EpochProgress Value, int Thread)> Calls { get; } = [];

        public void Report(EpochProgress value) => Calls.Add((value, Environment.CurrentManagedThreadId));
    }

    [Fact]
    public void Progress_hears_epoch_0_then_every_epoch_in_order_with_the_reports_values_on_the_training_thread()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml, trainRows: 200, testRows: 10);
        var recorder = new Recorder();
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.Epochs = 3; o.Progress = recorder; })).Fit(train);

        recorder.Calls.Select(c => c.Value.Report.Epoch).Should().Equal(0, 1, 2, 3);
        recorder.Calls.Should().OnlyContain(c => c.Value.TotalEpochs == 3);
        recorder.Calls.Select(c => c.Value.RemainingEpochs).Should().Equal(3, 2, 1, 0);
        recorder.Calls.Select(c => c.Value.Report).Should().Equal(model.Report.Epochs, "the listener hears the epochs the report keeps");
        recorder.Calls.Should().OnlyContain(c => c.Thread == Environment.CurrentManagedThreadId, "Fit reports synchronously on its own thread");
        recorder.Calls[0].Value.Report.Duration.Should().Be(TimeSpan.Zero, "epoch 0 is before training");
        recorder.Calls.Skip(1).Should().OnlyContain(c => c.Value.Report.Duration > TimeSpan.Zero && c.Value.Report.ValidationAuc == null);
    }

    [Fact]
    public void With_a_validation_set_every_report_carries_the_validation_AUC()
    {
        var ml = new MLContext(seed: 1);
        var (train, validation) = Fixtures.SyntheticSplit(ml, trainRows: 200, testRows: 100);
        var recorder = new Recorder();
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o =>
        {
            o.Epochs = 2;
            o.ValidationSet = validation;
            o.Progress = recorder;
        })).Fit(train);

        recorder.Calls.Should().HaveCount(3);
        recorder.Calls.Should().OnlyContain(c => c.Value.Report.ValidationAuc >= 0 && c.Value.Report.ValidationAuc <= 1, "null is neither");
        recorder.Calls.Select(c => c.Value.Report.ValidationAuc).Should().Equal(model.Report.Epochs.Select(e => e.ValidationAuc));
    }

    [Fact]
    public void The_trainer_keeps_the_listener_in_its_options_and_the_model_does_not_depend_on_it()
    {
        var recorder = new Recorder();
        var ml = new MLContext(seed: 1);
        var trainer = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.Epochs = 1; o.Progress = recorder; }));
        trainer.TrainerOptions.Progress.Should().BeSameAs(recorder, "Options.Clone copies it");

        var (train, test) = Fixtures.SyntheticSplit(ml, trainRows: 200, testRows: 50);
        var with = trainer.Fit(train).Transform(test).GetColumn<float>("Score").ToArray();
        var without = new MLContext(seed: 1).AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => o.Epochs = 1)).Fit(train)
            .Transform(test).GetColumn<float>("Score").ToArray();
        with.Should().Equal(without, "listening changes nothing in the training");
        recorder.Calls.Should().HaveCount(2);
    }

    [Fact]
    public void An_exception_from_the_listener_stops_the_fit()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml, trainRows: 100, testRows: 10);
        var fit = () => ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o =>
        {
            o.Epochs = 3;
            o.Progress = new Throwing();
        })).Fit(train);
        fit.Should().Throw<TimeoutException>().WithMessage("stop after epoch 1");
    }

    private sealed class Throwing : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value)
        {
            if (value.Report.Epoch == 1) throw new TimeoutException("stop after epoch 1");
        }
    }
}
