namespace MLNet.DeepSvdd.Tests.Patches;

/// <summary>Patch models train with every objective and regularizer, and with a pooled dimension other than the patch branch's.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public class PatchTrainingTests
{
    private static IDataView Images(MLContext ml, int count, int seed, float label = float.NaN)
    {
        var random = new Random(seed);
        // Materialised: a lazy sequence would draw new images from the same Random on every pass over the view.
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, count)
            .Select(_ => new AnomalyMapTests.Image { Pixels = AnomalyMapTests.Smooth(random), Label = label }).ToList());
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

    /// <summary><paramref name="count"/> images alternating smooth (label 0) and with a defect (label 1).</summary>
    private static List<AnomalyMapTests.Image> LabeledImages(int count, Random random) =>
        Enumerable.Range(0, count).Select(i => new AnomalyMapTests.Image
        {
            Pixels = i % 2 == 0 ? AnomalyMapTests.Smooth(random) : AnomalyMapTests.WithDefect(random),
            Label = i % 2,
        }).ToList();

    /// <summary>
    /// A two-branch model (8-d pooled points) fitted on 30 images drawn with <paramref name="trainSeed"/>, choosing on <paramref name="validation"/>.
    /// </summary>
    private static DeepSvddTransformer TwoBranchModel(MLContext ml, IDataView validation, int trainSeed) =>
        ml.AnomalyDetection.Trainers.DeepSvdd(Options(o =>
        {
            o.Representation = DeepSvddRepresentation.PooledAndPatches;
            o.RepresentationDimension = 8;
            o.ValidationSet = validation;
            o.ValidationLabelColumnName = nameof(AnomalyMapTests.Image.Label);
        })).Fit(Images(ml, 30, trainSeed));

    [Fact]
    public void A_two_branch_model_records_its_branch_choice_and_saves_it_and_without_validation_both_branches_score()
    {
        var ml = new MLContext(seed: 1);
        var validation = ml.Data.LoadFromEnumerable(LabeledImages(16, new Random(3)));
        var model = TwoBranchModel(ml, validation, trainSeed: 1);

        var branches = model.Report.Branches;
        branches.Should().NotBeNull("a two-branch model with a labeled validation set chooses its branches");
        double best = Math.Max(branches!.BothAuc, Math.Max(branches.PooledAuc, branches.PatchesAuc));
        var expected = branches.BothAuc >= best ? DeepSvddRepresentation.PooledAndPatches
            : branches.PooledAuc >= branches.PatchesAuc ? DeepSvddRepresentation.Pooled : DeepSvddRepresentation.Patches;
        branches.ScoredWith.Should().Be(expected, "the highest validation AUC wins, both branches on a tie");
        var kept = model.Report.Epochs.Single(e => e.Epoch == model.Report.SelectedEpoch);
        kept.ValidationAuc.Should().Be(best, "an epoch is ranked by its best branch choice, so epoch and branches are chosen together");
        model.Report.Epochs.Max(e => e.ValidationAuc!.Value).Should().Be(best, "no epoch's best branch choice beats the kept one");
        model.Model.Calibrations.Select(c => c.Weight).Should().Equal(expected switch
        {
            DeepSvddRepresentation.Pooled => [1.0, 0.0],
            DeepSvddRepresentation.Patches => [0.0, 1.0],
            _ => [1.0, 1.0],
        });
        string path = Path.Combine(Path.GetTempPath(), $"deepsvdd-branches-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, Images(ml, 1, 5).Schema, path);
            ((DeepSvddTransformer)ml.Model.LoadDeepSvdd(path, out _)).Report.Branches.Should().Be(branches, "the choice is saved with the report");
        }
        finally
        {
            File.Delete(path);
        }

        var unvalidated = ml.AnomalyDetection.Trainers.DeepSvdd(Options(o =>
        {
            o.Representation = DeepSvddRepresentation.PooledAndPatches;
            o.RepresentationDimension = 8;
        })).Fit(Images(ml, 30, 1));
        unvalidated.Report.Branches.Should().BeNull("without a validation set there is no choice");
        unvalidated.Model.Calibrations.Select(c => c.Weight).Should().Equal([1.0, 1.0], "both branches score");
    }

    [Fact]
    public void The_recorded_branch_AUCs_are_those_of_the_kept_model_scoring_the_validation_set_with_each_choice()
    {
        // Validation scores the three branch choices from one forward pass; each must equal the AUC of the kept model scoring with that choice.
        var ml = new MLContext(seed: 1);
        var rows = LabeledImages(20, new Random(5));
        var validation = ml.Data.LoadFromEnumerable(rows);
        var model = TwoBranchModel(ml, validation, trainSeed: 2);
        var branches = model.Report.Branches!;

        double Auc(DeepSvddTransformer m)
        {
            // Pairwise, by hand: the share of (anomaly, normal) pairs the score orders correctly, ties counting one half.
            var scores = m.Transform(validation).GetColumn<float>("Score").ToArray();
            var anomalies = scores.Where((_, i) => rows[i].Label == 1).ToArray();
            var normals = scores.Where((_, i) => rows[i].Label == 0).ToArray();
            double wins = anomalies.Sum(a => normals.Sum(n => a > n ? 1.0 : a == n ? 0.5 : 0.0));
            return wins / (anomalies.Length * normals.Length);
        }

        Auc(model.WithBranchWeights(1, 1)).Should().BeApproximately(branches.BothAuc, 1e-9);
        Auc(model.WithBranchWeights(1, 0)).Should().BeApproximately(branches.PooledAuc, 1e-9);
        Auc(model.WithBranchWeights(0, 1)).Should().BeApproximately(branches.PatchesAuc, 1e-9);
    }

    [Fact]
    public void Scoring_with_both_branches_takes_the_larger_of_the_one_branch_scores()
    {
        // WithBranchWeights (reproduce's per-choice test AUCs): each branch alone gives its standardised term, both give the larger of the two.
        var ml = new MLContext(seed: 1);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Options(o =>
        {
            o.Representation = DeepSvddRepresentation.PooledAndPatches;
            o.RepresentationDimension = 8;
        })).Fit(Images(ml, 30, 1));
        var test = Images(ml, 12, 7);
        float[] Scores(DeepSvddTransformer m) => m.Transform(test).GetColumn<float>("Score").ToArray();
        var both = Scores(model.WithBranchWeights(1, 1));
        var pooled = Scores(model.WithBranchWeights(1, 0));
        var patches = Scores(model.WithBranchWeights(0, 1));

        both.Should().Equal(Scores(model), "the fitted model scores with both branches");
        pooled.Should().NotEqual(patches);
        for (int i = 0; i < both.Length; i++) both[i].Should().BeApproximately(Math.Max(pooled[i], patches[i]), 1e-5f, $"row {i}");
        var wrong = () => model.WithBranchWeights(1);
        wrong.Should().Throw<ArgumentException>().WithMessage("*2 branches; got 1 weights*");
    }
}
