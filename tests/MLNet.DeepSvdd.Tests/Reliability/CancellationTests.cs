using MLNet.DeepSvdd.Baselines.Geo.Training;
using MLNet.DeepSvdd.Baselines.Geo.Transformations;
using MLNet.DeepSvdd.Baselines.Geo;
using MLNet.DeepSvdd.Data;
using MLNet.DeepSvdd.Networks;
using MLNet.DeepSvdd.Training;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Reliability;

/// <summary>Cancellation is honoured before any work when the token is already cancelled, and within one minibatch otherwise.</summary>
public class CancellationTests
{
    [Theory]
    [InlineData("DeepSvdd")]
    [InlineData("Geo")]
    [InlineData("IsolationForest")]
    [InlineData("OneClassSvm")]
    public void An_already_cancelled_token_stops_Fit_before_the_data_is_read(string name)
    {
        var ml = new MLContext(seed: 1);
        var detector = SmallDetectors.Get(name);
        var data = new CountingDataView(SmallDetectors.View(ml, detector.Rows(40, 5), detector.InputSize));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Action fit = name switch
        {
            "DeepSvdd" => () => ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions()).Fit(data, cancelled.Token),
            "Geo" => () => ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options
                { Network = DeepSvddNetwork.LeNet, Epochs = 1, ImageShape = [3, SmallDetectors.GeoSide, SmallDetectors.GeoSide] }).Fit(data, cancelled.Token),
            "IsolationForest" => () => ml.AnomalyDetection.Trainers.IsolationForest().Fit(data, cancelled.Token),
            _ => () => ml.AnomalyDetection.Trainers.OneClassSvm().Fit(data, cancelled.Token),
        };
        fit.Should().Throw<OperationCanceledException>();
        data.Cursors.Should().Be(0, "nothing is read once the token is cancelled");
    }

    [Theory]
    [InlineData("DeepSvdd")]
    [InlineData("IsolationForest")]
    public void An_MLContext_cancelled_after_the_trainer_was_created_stops_Fit_before_the_data_is_read(string name)
    {
        // The context's flag is read through a delegate bound when the trainer is created: it must see a cancellation that comes later.
        var ml = new MLContext(seed: 1);
        var detector = SmallDetectors.Get(name);
        var data = new CountingDataView(SmallDetectors.View(ml, detector.Rows(40, 5), detector.InputSize));
        IEstimator<ITransformer> trainer = name == "DeepSvdd"
            ? ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions())
            : ml.AnomalyDetection.Trainers.IsolationForest();
        ContextCancellation.Cancel(ml);

        var fit = () => trainer.Fit(data);

        fit.Should().Throw<OperationCanceledException>().WithMessage("*the MLContext was cancelled*");
        data.Cursors.Should().Be(0);
    }

    [Fact]
    public void Deep_SVDD_training_checks_for_cancellation_at_every_minibatch()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml, 300, 10);
        var options = Fixtures.FastOptions(o => { o.Epochs = 2; o.BatchSize = 10; });
        var feature = FeatureColumn.Resolve(train.Schema, options.FeatureColumnName, null);
        using var loaded = DataViewLoader.Load(train, feature, null, CPU);
        using var channel = ((IHostEnvironment)ml).Start("test");
        int checks = 0;
        var loop = new TrainingLoop(options, NetworkResolver.Resolve(options, feature), CPU, 1, channel, null, () => checks++);
        var result = loop.Run(loaded, null, Stopwatch.StartNew());
        result.Model.Dispose();
        checks.Should().BeGreaterThanOrEqualTo(2 * 30, "2 epochs of 30 minibatches, each followed by a check");

        int calls = 0;
        var stopping = new TrainingLoop(options, NetworkResolver.Resolve(options, feature), CPU, 1, channel, null,
            () => { if (++calls == 3) throw new OperationCanceledException(); });
        var run = () => stopping.Run(loaded, null, Stopwatch.StartNew());
        run.Should().Throw<OperationCanceledException>();
        calls.Should().Be(3, "the third minibatch's check stops the training");
    }

    [Fact]
    public void GEO_training_checks_for_cancellation_at_every_minibatch()
    {
        const int side = SmallDetectors.GeoSide;
        var ml = new MLContext(seed: 1);
        var detector = SmallDetectors.Get("Geo");
        var data = SmallDetectors.View(ml, detector.Rows(4, 9), detector.InputSize);
        var feature = FeatureColumn.Resolve(data.Schema, "Features", [3, side, side]);
        var resolved = NetworkResolver.Resolve(new DeepSvddTrainer.Options
        {
            FeatureColumnName = "Features", Network = DeepSvddNetwork.LeNet, UseBias = true, RepresentationDimension = GeometricTransformations.Count,
        }, feature);
        using var loaded = DataViewLoader.Load(data, feature, null, CPU);
        using var network = resolved.Spec.Build(new Generator(1));
        var (mean, std) = InputStatistics.Compute(loaded.Features, resolved.Spec.InputShape, resolved.Normalization);
        network.SetInputStatistics(mean, std);
        var transformations = new GeometricTransformations(side, GeometricTransformations.DefaultShift(side));
        using var table = transformations.SourceTable(CPU);
        using var channel = ((IHostEnvironment)ml).Start("test");
        int checks = 0;
        // 4 images × 72 transformations = 288 pairs in minibatches of 32: 9 per epoch.
        new TransformationClassifierTraining(network, transformations, table, 1, 32, 1e-3, 0, CPU, 1, channel, () => checks++).Run(loaded.Features);
        checks.Should().BeGreaterThanOrEqualTo(9);
    }

    [Fact]
    public void Isolation_Forest_stops_between_trees_when_the_token_is_cancelled()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 3000).Select(_ => Enumerable.Range(0, 4).Select(_ => (float)StandardNormal.Sample(random)).ToArray()).ToArray();
        var data = SmallDetectors.View(ml, rows, 4);
        // A token that cancels 10 ms into a Fit of minutes: the forest checks between trees.
        using var forestSource = new CancellationTokenSource(TimeSpan.FromMilliseconds(10));
        var forest = () => ml.AnomalyDetection.Trainers.IsolationForest(numberOfTrees: 200_000, sampleSize: 256, seed: 1).Fit(data, forestSource.Token);
        var watch = Stopwatch.StartNew();
        forest.Should().Throw<OperationCanceledException>("the forest");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "200 000 trees would take far longer (about a millisecond each); the token stops the growing");
    }
}
