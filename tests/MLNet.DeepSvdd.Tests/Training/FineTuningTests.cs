using MLNet.DeepSvdd.Networks;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Training;

/// <summary>
/// Fine-tuning that keeps the backbone (frozen leading stages, frozen BatchNorm statistics, the frozen stages' outputs computed once),
/// the input resolution inside the model, and epoch 0 (the untrained network) as a candidate for the kept epoch.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public class FineTuningTests : IDisposable
{
    private const int Side = 16;
    private readonly string directory = Directory.CreateTempSubdirectory("deepsvdd-finetune-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public sealed class ImageRow
    {
        [VectorType(3, Side, Side)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    /// <summary>Smooth random images (normal) or the same with a bright square (anomalous), 0–255.</summary>
    private static List<ImageRow> Images(int count, int seed, bool mixed = false)
    {
        var random = new Random(seed);
        var rows = new List<ImageRow>();
        for (int n = 0; n < count; n++)
        {
            var values = new float[3 * Side * Side];
            double phase = random.NextDouble() * Math.PI * 2, level = 60 + 60 * random.NextDouble();
            bool anomaly = mixed && n % 2 == 1;
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < Side; y++)
                    for (int x = 0; x < Side; x++)
                    {
                        double v = level + 40 * Math.Sin(phase + 0.4 * x + 0.2 * y + c) + 10 * random.NextDouble();
                        if (anomaly && x >= 4 && x < 10 && y >= 4 && y < 10) v = 250;
                        values[(c * Side + y) * Side + x] = (float)v;
                    }
            rows.Add(new ImageRow { Features = values, Label = anomaly ? 1 : 0 });
        }
        return rows;
    }

    private static DeepSvddTrainer.Options ResNetOptions(Action<DeepSvddTrainer.Options>? change = null)
    {
        var options = new DeepSvddTrainer.Options
        {
            Network = DeepSvddNetwork.ResNet18,
            UseMaxPool = false,
            RepresentationDimension = 16,
            Epochs = 2,
            BatchSize = 10,
            LearningRate = 1e-3f,
            Seed = 3,
        };
        change?.Invoke(options);
        return options;
    }

    /// <summary>The network exactly as the trainer builds it before training (same seed, same input statistics).</summary>
    private static Dictionary<string, float[]> InitialState(DeepSvddTrainer.Options options, IDataView data)
    {
        var feature = FeatureColumn.Resolve(data.Schema, options.FeatureColumnName, options.ImageShape);
        var resolved = NetworkResolver.Resolve(options, feature);
        using var network = resolved.Spec.Build(new Generator((ulong)options.Seed!.Value));
        return State(network);
    }

    private static Dictionary<string, float[]> State(nn.Module network) =>
        network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float32).cpu().data<float>().ToArray());

    [Fact]
    public void Frozen_stages_keep_their_weights_and_BatchNorm_statistics_bit_identical_through_a_fit()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Images(40, seed: 1));
        var options = ResNetOptions(o => { o.FreezeThrough = BackboneStage.Layer2; o.FreezeBatchNorm = false; });
        var before = InitialState(options, data);

        var model = ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(data);
        var after = State(model.Model.Network);

        string[] frozen = ["backbone.conv1.", "backbone.bn1.", "backbone.layer1.", "backbone.layer2."];
        var frozenKeys = before.Keys.Where(k => frozen.Any(k.StartsWith)).ToList();
        frozenKeys.Should().Contain(["backbone.conv1.weight", "backbone.bn1.running_mean", "backbone.layer2.0.downsample.1.running_var"]);
        foreach (var key in frozenKeys) after[key].Should().Equal(before[key], $"{key} belongs to a frozen stage");

        // The stages after them were trained, BatchNorm statistics included (FreezeBatchNorm = false).
        after["backbone.layer3.0.conv1.weight"].Should().NotEqual(before["backbone.layer3.0.conv1.weight"]);
        after["backbone.layer4.1.bn2.running_mean"].Should().NotEqual(before["backbone.layer4.1.bn2.running_mean"]);
        after["backbone.fc.weight"].Should().NotEqual(before["backbone.fc.weight"]);
    }

    [Fact]
    public void FreezeBatchNorm_keeps_every_BatchNorm_statistic_while_the_weights_train()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Images(40, seed: 2));
        var options = ResNetOptions(o => { o.FreezeThrough = BackboneStage.None; o.FreezeBatchNorm = true; });
        var before = InitialState(options, data);

        var model = ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(data);
        var after = State(model.Model.Network);

        var statistics = before.Keys.Where(k => k.EndsWith(".running_mean") || k.EndsWith(".running_var")).ToList();
        statistics.Should().HaveCount(2 * 20, "ResNet-18 has 20 BatchNorm layers");
        foreach (var key in statistics) after[key].Should().Equal(before[key], $"{key} is a BatchNorm statistic");
        after["backbone.conv1.weight"].Should().NotEqual(before["backbone.conv1.weight"], "nothing is frozen");
        after["backbone.bn1.weight"].Should().NotEqual(before["backbone.bn1.weight"], "BatchNorm's scale is still trained");
    }

    [Fact]
    public void Cached_and_recomputed_frozen_stages_train_the_same_model()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Images(40, seed: 3));
        var validation = ml.Data.LoadFromEnumerable(Images(20, seed: 4, mixed: true));
        var test = ml.Data.LoadFromEnumerable(Images(30, seed: 5, mixed: true));
        DeepSvddTransformer Fit(int cacheMegabytes) => ml.AnomalyDetection.Trainers.DeepSvdd(ResNetOptions(o =>
        {
            o.FreezeThrough = BackboneStage.Layer1;
            o.FrozenActivationCacheMegabytes = cacheMegabytes;
            o.ValidationSet = validation;
        })).Fit(data);

        var cached = Fit(2048);
        var recomputed = Fit(0);

        var a = cached.Transform(test).GetColumn<float>("Score").ToArray();
        var b = recomputed.Transform(test).GetColumn<float>("Score").ToArray();
        a.Should().HaveCount(30);
        for (int i = 0; i < a.Length; i++) a[i].Should().BeApproximately(b[i], 1e-4f * Math.Max(1, Math.Abs(b[i])));
        cached.Report.Epochs.Select(e => e.ValidationAuc).Should().Equal(recomputed.Report.Epochs.Select(e => e.ValidationAuc));
        cached.Report.SelectedEpoch.Should().Be(recomputed.Report.SelectedEpoch);
    }

    [Fact]
    public void InputResolution_is_part_of_the_saved_model_and_every_scoring_path()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Images(30, seed: 6));
        var testRows = Images(12, seed: 7, mixed: true);
        var test = ml.Data.LoadFromEnumerable(testRows);
        // LeNet's linear layer is sized for the resolution it sees: a path that skipped the resize could not even run.
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
        {
            Network = DeepSvddNetwork.LeNet, InputResolution = 24, RepresentationDimension = 8, Epochs = 1, BatchSize = 10, Seed = 1,
        }).Fit(data);
        model.Report.Network.Should().Contain("3×16×16 resized to 24×24");

        var batched = model.Transform(test).GetColumn<float>("Score").ToArray();
        var engine = ml.Model.CreatePredictionEngine<ImageRow, DeepSvddPrediction>(model);
        var rowByRow = testRows.Select(r => engine.Predict(r).Score).ToArray();
        string path = Path.Combine(directory, "resized.zip");
        ml.Model.Save(model, data.Schema, path);
        var fresh = new MLContext();
        var loaded = fresh.Model.Load(path, out _).Transform(test).GetColumn<float>("Score").ToArray();
        var restored = (DeepSvddTransformer)fresh.Model.LoadDeepSvdd(path, out _);

        restored.Report.Network.Should().Be(model.Report.Network);
        restored.Transform(test).GetColumn<float>("Score").Should().Equal(batched);
        for (int i = 0; i < batched.Length; i++)
        {
            rowByRow[i].Should().BeApproximately(batched[i], 1e-4f * Math.Max(1, Math.Abs(batched[i])));
            loaded[i].Should().Be(rowByRow[i], "plain Model.Load scores row by row like PredictionEngine");
        }
    }

    [Fact]
    public void The_input_stage_upsamples_bilinearly_with_half_pixel_centres()
    {
        // One 2×2 channel [[a, b], [c, d]] to 4×4: with half-pixel centres (align_corners = false) the source coordinates of the four
        // output positions are −0.25, 0.25, 0.75, 1.25, clamped to 0, 0.25, 0.75, 1: weights (1, 0), (0.75, 0.25), (0.25, 0.75), (0, 1).
        var spec = new NetworkSpec(DeepSvddNetwork.LeNet, [1, 2, 2], 4, true, [], Resolution: 4);
        using var map = new FeatureMap(spec, nn.Identity());
        float a = 1, b = 5, c = 9, d = 17;
        using var output = map.Prepare(tensor(new[] { a, b, c, d }, [1, 4]));
        output.shape.Should().Equal(1, 1, 4, 4);
        float[] w = [1, 0.75f, 0.25f, 0];
        var actual = output.contiguous().data<float>().ToArray();
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
            {
                float top = w[x] * a + (1 - w[x]) * b, bottom = w[x] * c + (1 - w[x]) * d;
                actual[y * 4 + x].Should().BeApproximately(w[y] * top + (1 - w[y]) * bottom, 1e-5f, $"pixel ({y}, {x})");
            }
    }

    [Fact]
    public void Epoch_0_is_reported_and_kept_when_no_training_epoch_beats_it()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = Fixtures.SyntheticSplit(ml, trainRows: 200, testRows: 100);
        // A learning rate of 1e-12 and frozen BatchNorm statistics leave the network as it started: no epoch can be strictly better.
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o =>
        {
            o.Epochs = 3;
            o.LearningRate = 1e-12f;
            o.Regularizer = CollapseRegularizer.None;
            o.FreezeBatchNorm = true;
            o.ValidationSet = test;
        })).Fit(train);

        var report = model.Report;
        report.Epochs.Select(e => e.Epoch).Should().Equal(0, 1, 2, 3);
        report.Epochs[0].Duration.Should().Be(TimeSpan.Zero);
        report.Epochs[0].ValidationAuc.Should().NotBeNull();
        report.SelectedEpoch.Should().Be(0);
        ml.AnomalyDetection.Evaluate(model.Transform(test)).AreaUnderRocCurve.Should().BeApproximately(report.Epochs[0].ValidationAuc!.Value, 1e-3);

        // Epoch 0's loss (from the centre pass's moments) is the mean squared distance of the untrained features to c: the mean training score.
        double meanScore = model.Transform(train).GetColumn<float>("Score").Average(s => (double)s);
        report.Epochs[0].SvddLoss.Should().BeApproximately(meanScore, 1e-3 * meanScore);
    }

    [Fact]
    public void Pretrained_backbones_default_to_the_native_resolution_frozen_BatchNorm_and_frozen_stages_through_layer3()
    {
        var ml = new MLContext();
        var images = ml.Data.LoadFromEnumerable(Images(1, seed: 1));
        var feature = FeatureColumn.Resolve(images.Schema, "Features", null);

        var pretrained = NetworkResolver.Resolve(new DeepSvddTrainer.Options { Network = DeepSvddNetwork.ResNet18Pretrained }, feature);
        pretrained.Spec.Resolution.Should().Be(224);
        pretrained.FrozenStages.Should().Be(4, "stem, layer1, layer2 and layer3 stay frozen; only layer4 and the projection train");
        pretrained.FreezeBatchNorm.Should().BeTrue();

        var scratch = NetworkResolver.Resolve(new DeepSvddTrainer.Options { Network = DeepSvddNetwork.ResNet18 }, feature);
        scratch.Spec.Resolution.Should().BeNull("a network trained from scratch learns at the images' own size");
        scratch.FrozenStages.Should().Be(0);
        scratch.FreezeBatchNorm.Should().BeFalse();

        var paper = NetworkResolver.Resolve(new DeepSvddTrainer.Options
        {
            Network = DeepSvddNetwork.ResNet18Pretrained, InputResolution = 16, FreezeThrough = BackboneStage.None, FreezeBatchNorm = false,
        }, feature);
        paper.Spec.Resolution.Should().BeNull("16 px is the images' own size");
        (paper.FrozenStages, paper.FreezeBatchNorm).Should().Be((0, false));
    }

    [Fact]
    public void Resolution_and_freezing_options_that_cannot_apply_are_refused_with_what_to_do()
    {
        var ml = new MLContext();
        var vectors = Fixtures.SyntheticSplit(ml, 10, 4).Train;
        var images = ml.Data.LoadFromEnumerable(Images(4, seed: 1));

        var resize = () => ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => o.InputResolution = 32)).Fit(vectors);
        resize.Should().Throw<ArgumentException>().WithMessage("*InputResolution = 32*'Features'*plain vector*");
        var freeze = () => ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
            { Network = DeepSvddNetwork.LeNet, FreezeThrough = BackboneStage.Layer1, Epochs = 1 }).Fit(images);
        freeze.Should().Throw<ArgumentException>().WithMessage("*FreezeThrough = Layer1*LeNet*");
        var tiny = () => ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options { InputResolution = 4 });
        tiny.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*InputResolution*8 to 4096*");
        var budget = () => ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options { FrozenActivationCacheMegabytes = -1 });
        budget.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*FrozenActivationCacheMegabytes*");
    }
}
