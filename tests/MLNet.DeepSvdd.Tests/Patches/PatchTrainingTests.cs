namespace MLNet.DeepSvdd.Tests.Patches;

/// <summary>Patch models train with every objective and regularizer, and with a pooled dimension other than the patch branch's.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public class PatchTrainingTests
{
    private static IDataView Images(MLContext ml, int count, int seed, float label = float.NaN)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, count)
            .Select(_ => new AnomalyMapTests.Image { Pixels = AnomalyMapTests.Smooth(random), Label = label }));
    }

    private static DeepSvddTrainer.Options Options(Action<DeepSvddTrainer.Options> change)
    {
        var options = new DeepSvddTrainer.Options
        {
            FeatureColumnName = nameof(AnomalyMapTests.Image.Pixels),
            Network = DeepSvddNetwork.ResNet18,
            Epochs = 2,
            BatchSize = 10,
            LearningRate = 1e-3,
            Seed = 4,
        };
        change(options);
        return options;
    }

    [Theory]
    [InlineData(CollapseRegularizer.NoiseInjection)]
    [InlineData(CollapseRegularizer.VarianceHinge)]
    public void Both_branches_train_when_the_pooled_dimension_differs_from_the_patch_points(CollapseRegularizer regularizer)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Options(o =>
        {
            o.Representation = DeepSvddRepresentation.PooledAndPatches;
            o.RepresentationDimension = 8;
            o.Regularizer = regularizer;
        })).Fit(Images(ml, 30, 1));
        model.RepresentationDimension.Should().Be(8);
        model.HasAnomalyMap.Should().BeTrue();
        model.Report.Network.Should().Contain("pooled and patches");
        var scores = model.Transform(Images(ml, 6, 2)).GetColumn<float>("Score").ToArray();
        scores.Should().OnlyContain(s => float.IsFinite(s));
    }

    [Fact]
    public void A_soft_boundary_patch_model_learns_a_radius_and_scores_against_it()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Options(o =>
        {
            o.Representation = DeepSvddRepresentation.Patches;
            o.Objective = DeepSvddObjective.SoftBoundary;
            o.RadiusWarmUpEpochs = 0;
        })).Fit(Images(ml, 30, 1));
        model.Radius.Should().BeGreaterThan(0);
        model.Threshold.Should().Be(0, "the soft boundary's threshold is the sphere");
        model.Transform(Images(ml, 6, 2)).GetColumn<float>("Score").Should().OnlyContain(s => float.IsFinite(s));
    }

    [Fact]
    public void A_semi_supervised_patch_model_takes_labeled_anomalies()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 30).Select(_ => new AnomalyMapTests.Image { Pixels = AnomalyMapTests.Smooth(random), Label = float.NaN })
            .Concat(Enumerable.Range(0, 4).Select(_ => new AnomalyMapTests.Image { Pixels = AnomalyMapTests.WithDefect(random), Label = 1 }));
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Options(o =>
        {
            o.Representation = DeepSvddRepresentation.Patches;
            o.LabelColumnName = nameof(AnomalyMapTests.Image.Label);
        })).Fit(ml.Data.LoadFromEnumerable(rows));
        model.Report.Epochs.Should().HaveCount(3);
        model.Transform(Images(ml, 6, 2)).GetColumn<float>("Score").Should().OnlyContain(s => float.IsFinite(s));
    }

    [Fact]
    public void Patches_are_refused_on_networks_without_feature_maps_naming_the_option()
    {
        var ml = new MLContext(seed: 1);
        var act = () => ml.AnomalyDetection.Trainers.DeepSvdd(Options(o =>
        {
            o.Network = DeepSvddNetwork.LeNet;
            o.Representation = DeepSvddRepresentation.Patches;
        })).Fit(Images(ml, 10, 1));
        act.Should().Throw<ArgumentException>().WithMessage("Representation = Patches scores the feature maps of a ResNet*Representation = Pooled*");
    }
}
