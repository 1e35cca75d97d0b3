using MLNet.DeepSvdd.Training;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Reliability;

/// <summary>A diverging Deep SVDD training stops with an exception that names the learning rate, and returns no model.</summary>
public class DivergenceTests
{
    [Theory]
    [InlineData(1e6f, "1E+06", "1E+05")]
    [InlineData(100f, "100", "10")]
    public void A_far_too_high_learning_rate_stops_training_after_the_first_epoch_naming_the_option_and_its_value(float learningRate, string shown, string suggested)
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml, 300, 10);
        var fit = () => ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.LearningRate = learningRate; o.Epochs = 4; })).Fit(train);
        var error = fit.Should().Throw<TrainingDivergedException>()
            .WithMessage($"Deep SVDD training diverged: in epoch 1 the SVDD loss reached *times its value before training*lower LearningRate (now {shown}), e.g. to {suggested}. No model was returned.").Which;
        error.Epoch.Should().Be(1);
        error.LearningRate.Should().Be(learningRate);
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(1e-3f)]
    public void A_high_but_converging_learning_rate_trains(float learningRate)
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml, 300, 10);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.LearningRate = learningRate; o.Epochs = 4; })).Fit(train);
        model.Report.Epochs.Should().HaveCount(5, "epoch 0 (before training) and four trained epochs");
    }

    [Theory]
    [InlineData(1e6f)]
    [InlineData(10f)]
    public void Without_throwing_a_diverged_training_stops_and_keeps_the_best_validation_epoch_before_the_divergence(float learningRate)
    {
        var ml = new MLContext(seed: 1);
        var data = new SyntheticData(5);
        var train = SyntheticData.Load(ml, data.NormalRows(300));
        var validation = SyntheticData.Load(ml, data.MixedRows(200));
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o =>
        {
            o.LearningRate = learningRate;
            o.Epochs = 8;
            o.ValidationSet = validation;
            o.ThrowOnDivergence = false;
        })).Fit(train);

        var report = model.Report;
        var divergence = report.Divergence!;
        divergence.Should().NotBeNull();
        divergence.Epoch.Should().BeLessThan(8, "training stops at the diverged epoch");
        report.Epochs.Should().HaveCount(divergence.Epoch + 1, "epoch 0, then every epoch up to the diverged one and none after it");
        divergence.Reason.Should().StartWith($"in epoch {divergence.Epoch} the SVDD loss");
        var before = report.Epochs.Take(divergence.Epoch).MaxBy(e => e.ValidationAuc!.Value)!;
        report.SelectedEpoch.Should().Be(before.Epoch, "the best validation epoch before the diverged one");
        // The model is that epoch's: ML.NET's evaluator on the validation set gives the recorded AUC, and it scores every row.
        var scored = model.Transform(validation);
        ml.AnomalyDetection.Evaluate(scored).AreaUnderRocCurve.Should().BeApproximately(before.ValidationAuc!.Value, 1e-6);
        scored.GetColumn<float>("Score").Should().OnlyContain(s => float.IsFinite(s));
        report.ToString().Should().Contain($"diverged ({divergence.Reason}), stopped");

        // And it is kept through saving and loading.
        using var stream = new MemoryStream();
        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        var loaded = (DeepSvddTransformer)ml.Model.LoadDeepSvdd(stream, out _);
        loaded.Report.Divergence.Should().Be(divergence);
    }

    [Fact]
    public void Without_throwing_a_divergence_still_needs_a_validation_set_to_choose_the_epoch()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml, 100, 10);
        var fit = () => ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => o.ThrowOnDivergence = false)).Fit(train);
        fit.Should().Throw<ArgumentException>().WithMessage("ThrowOnDivergence = false keeps the best validation epoch*needs a ValidationSet*")
            .Which.ParamName.Should().Be("ThrowOnDivergence");
    }

    private static DivergenceGuard Guard(double initialLoss)
    {
        // Identity features: the loss before training is ‖0 − c‖² = Σ c².
        using var data = zeros(3, 2);
        using var center = tensor(new[] { (float)Math.Sqrt(initialLoss), 0f });
        return DivergenceGuard.Start(x => x, data, center, learningRate: 0.5, batchSize: 3);
    }

    private static EpochReport Epoch(int epoch, double svdd, double regularizer = 0) =>
        new(epoch, svdd, regularizer, 0, 1, 0, 0, null, TimeSpan.Zero);

    [Fact]
    public void The_guard_measures_the_loss_before_training_and_stops_on_a_non_finite_or_exploding_loss()
    {
        var guard = Guard(4);
        guard.InitialLoss.Should().BeApproximately(4, 1e-6);
        guard.Check(Epoch(1, 2));
        guard.Check(Epoch(2, 4e6 - 1));
        var exploding = () => guard.Check(Epoch(3, 4e6 * 1.01));
        exploding.Should().Throw<TrainingDivergedException>().WithMessage("*in epoch 3 the SVDD loss reached 4.04E+06*(now 0.5), e.g. to 0.05*")
            .Which.Epoch.Should().Be(3);
        var nan = () => guard.Check(Epoch(1, double.NaN));
        nan.Should().Throw<TrainingDivergedException>().WithMessage("*in epoch 1 the SVDD loss is NaN*LearningRate (now 0.5)*");
        var infiniteRegularizer = () => guard.Check(Epoch(5, 1, double.PositiveInfinity));
        infiniteRegularizer.Should().Throw<TrainingDivergedException>().WithMessage("*in epoch 5 the regularizer loss is Infinity.*");
    }

    private sealed class Disposable : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    [Fact]
    public void A_non_finite_final_score_stops_training_and_frees_the_model()
    {
        var guard = Guard(1);
        var kept = new Disposable();
        guard.CheckScores([1f, 2f, 3f], kept);
        kept.Disposed.Should().BeFalse();
        var dropped = new Disposable();
        var act = () => guard.CheckScores([1f, float.PositiveInfinity, float.NaN], dropped);
        act.Should().Throw<TrainingDivergedException>().WithMessage("*scores training row 1 Infinity.*LearningRate (now 0.5)*").Which.Epoch.Should().Be(0);
        dropped.Disposed.Should().BeTrue();
    }
}
