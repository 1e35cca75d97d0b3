namespace MLNet.DeepSvdd.Tests;

public class EndToEndTests
{
    public static TheoryData<DeepSvddObjective, CollapseRegularizer> Variants()
    {
        var data = new TheoryData<DeepSvddObjective, CollapseRegularizer>();
        foreach (var objective in Enum.GetValues<DeepSvddObjective>())
            foreach (var regularizer in Enum.GetValues<CollapseRegularizer>())
                data.Add(objective, regularizer);
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Fit_transform_evaluate_separates_off_subspace_anomalies(DeepSvddObjective objective, CollapseRegularizer regularizer)
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = Fixtures.SyntheticSplit(ml);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o =>
        {
            o.Objective = objective;
            o.Regularizer = regularizer;
            o.RadiusWarmUpEpochs = 2;
            o.Epochs = 15;
        })).Fit(train);

        var metrics = ml.AnomalyDetection.Evaluate(model.Transform(test));
        metrics.AreaUnderRocCurve.Should().BeGreaterThan(0.95);
        model.Report.Epochs.Should().HaveCount(16, "epoch 0 (the untrained network) and 15 trained epochs");
        model.Report.Collapse.IsCollapsed.Should().BeFalse();
        if (objective == DeepSvddObjective.SoftBoundary)
        {
            model.Radius.Should().BeGreaterThan(0);
            model.Threshold.Should().Be(0, "soft-boundary scores are d − R², so the boundary is at 0");
        }
        if (regularizer != CollapseRegularizer.None)
            model.Report.TrainedEpochs.Should().OnlyContain(e => e.RegularizerLoss > 0 || regularizer == CollapseRegularizer.VarianceHinge);
    }

    [Fact]
    public void Noise_regularizer_loss_tends_to_log_2_and_the_adaptive_weight_follows_eq_7()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions()).Fit(train);
        model.Report.Epochs[^1].RegularizerLoss.Should().BeApproximately(Math.Log(2), 0.02, "random labels cannot be learned (section IV-D)");
        // In steady state c_t ≈ β·L_svdd/L_reg: the weight is positive and of the order of the loss ratio.
        var last = model.Report.Epochs[^1];
        last.RegularizerWeight.Should().BeInRange(0.1 * 0.5 * last.SvddLoss / last.RegularizerLoss, 10 * 0.5 * last.SvddLoss / last.RegularizerLoss);
    }

    [Fact]
    public void One_class_threshold_is_the_one_minus_nu_quantile_of_training_scores()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => o.Nu = 0.2f)).Fit(train);
        var scored = model.Transform(train);
        var flagged = scored.GetColumn<bool>("PredictedLabel").ToArray();
        var scores = scored.GetColumn<float>("Score").ToArray();
        flagged.Count(f => f).Should().BeCloseTo(120, 2, "20% of the 600 training rows lie above the 0.8 quantile");
        flagged.Zip(scores).Should().OnlyContain(p => p.First == p.Second > model.Threshold);

        var strict = model.WithThreshold(float.MaxValue);
        strict.Transform(train).GetColumn<bool>("PredictedLabel").Should().OnlyContain(f => !f);
        strict.Transform(train).GetColumn<float>("Score").Should().Equal(scores, "a new threshold does not change the scores");
    }

    [Fact]
    public void Semi_supervised_labels_change_the_model_and_help_on_the_labeled_anomaly_type()
    {
        var ml = new MLContext(seed: 1);
        var data = new SyntheticData(3);
        var unlabeled = data.NormalRows(540).Select(r => { r.Label = float.NaN; return r; }).ToList();
        var labeled = Enumerable.Range(0, 60).Select(_ => data.Anomaly()).ToList();
        var train = SyntheticData.Load(ml, unlabeled.Concat(labeled));
        var test = SyntheticData.Load(ml, data.MixedRows(400));

        var semi = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => o.LabelColumnName = "Label")).Fit(train);
        var unsupervised = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions()).Fit(SyntheticData.Load(ml, unlabeled));

        var semiScores = semi.Transform(test).GetColumn<float>("Score").ToArray();
        var plainScores = unsupervised.Transform(test).GetColumn<float>("Score").ToArray();
        semiScores.Should().NotEqual(plainScores);
        double semiAuc = ml.AnomalyDetection.Evaluate(semi.Transform(test)).AreaUnderRocCurve;
        semiAuc.Should().BeGreaterThan(0.97);
        // Labeled anomalies are pushed away from the centre: their training scores are far above the unlabeled rows'.
        var trainScores = semi.Transform(train).GetColumn<float>("Score").ToArray();
        trainScores.Skip(540).Average().Should().BeGreaterThan(10 * trainScores.Take(540).Average());
    }

    [Fact]
    public void Same_seed_gives_identical_scores_and_another_seed_does_not()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = Fixtures.SyntheticSplit(ml);
        float[] Scores(int seed) => ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.Seed = seed; o.Epochs = 3; }))
            .Fit(train).Transform(test).GetColumn<float>("Score").ToArray();
        var first = Scores(5);
        Scores(5).Should().Equal(first);
        Scores(6).Should().NotEqual(first);
    }

    [Fact]
    public void MLContext_seed_makes_training_reproducible_when_no_seed_is_given()
    {
        float[] Scores()
        {
            var ml = new MLContext(seed: 42);
            var (train, test) = Fixtures.SyntheticSplit(ml);
            return ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.Seed = null; o.Epochs = 2; }))
                .Fit(train).Transform(test).GetColumn<float>("Score").ToArray();
        }
        Scores().Should().Equal(Scores());
    }

    [Fact]
    public void PredictionEngine_scores_row_by_row_like_the_batched_transform()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = Fixtures.SyntheticSplit(ml);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => o.Epochs = 2)).Fit(train);
        var batched = model.Transform(test).GetColumn<float>("Score").ToArray();
        var engine = ml.Model.CreatePredictionEngine<VectorRow, DeepSvddPrediction>(model);
        var rows = ml.Data.CreateEnumerable<VectorRow>(test, reuseRowObject: false).ToList();
        var single = rows.Select(r => engine.Predict(r)).ToList();
        // A forward pass of one row and one of 256 rows use different BLAS kernels: equal to float rounding, not bit for bit.
        single.Select(p => p.Score).Should().Equal(batched, (a, b) => Math.Abs(a - b) <= 1e-5f * Math.Max(1f, Math.Abs(b)));
        single.Select(p => p.PredictedLabel).Should().Equal(single.Select(p => p.Score > model.Threshold));
    }

    [Fact]
    public void Validation_set_keeps_the_epoch_with_the_best_validation_auc()
    {
        var ml = new MLContext(seed: 1);
        var data = new SyntheticData(5);
        var train = SyntheticData.Load(ml, data.NormalRows(400));
        var validation = SyntheticData.Load(ml, data.MixedRows(200));
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.ValidationSet = validation; o.Epochs = 6; })).Fit(train);

        model.Report.Epochs.Should().OnlyContain(e => e.ValidationAuc.HasValue);
        var best = model.Report.Epochs.MaxBy(e => e.ValidationAuc!.Value)!;
        model.Report.SelectedEpoch.Should().Be(best.Epoch);
        // The returned model is that epoch's: its AUC on the validation set is the recorded one.
        ml.AnomalyDetection.Evaluate(model.Transform(validation)).AreaUnderRocCurve.Should().BeApproximately(best.ValidationAuc!.Value, 1e-6);
    }

    [Fact]
    public void Pipeline_with_ML_NET_transforms_trains_and_scores()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = Fixtures.SyntheticSplit(ml);
        var pipeline = ml.Transforms.NormalizeMeanVariance("Normalized", "Features")
            .Append(ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o =>
            {
                o.FeatureColumnName = "Normalized";
                o.InputNormalization = InputNormalization.None;
            })));
        var model = pipeline.Fit(train);
        ml.AnomalyDetection.Evaluate(model.Transform(test)).AreaUnderRocCurve.Should().BeGreaterThan(0.95);
        model.GetOutputSchema(train.Schema).Select(c => c.Name).Should().Contain(["Score", "PredictedLabel"]);
    }

    [Fact]
    public void Training_is_logged_through_the_MLContext()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        var (train, _) = Fixtures.SyntheticSplit(ml);
        ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => o.Epochs = 2)).Fit(train);
        messages.Should().Contain(m => m.Contains("Epoch 2/2") && m.Contains("ETA"));
    }

    [Fact]
    public void A_cancelled_token_stops_training()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var act = () => ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions()).Fit(train, cts.Token);
        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Cuda_request_without_a_GPU_falls_back_only_when_the_MLContext_allows_it()
    {
        var (train, _) = Fixtures.SyntheticSplit(new MLContext(seed: 1));
        var strict = new MLContext(seed: 1) { FallbackToCpu = false };
        var act = () => strict.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => o.Device = DeepSvddDevice.Cuda)).Fit(train);
        act.Should().Throw<InvalidOperationException>().WithMessage("*no CUDA device*FallbackToCpu*");

        var lenient = new MLContext(seed: 1) { FallbackToCpu = true };
        var model = lenient.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.Device = DeepSvddDevice.Cuda; o.Epochs = 1; })).Fit(train);
        model.Device.Should().Be("cpu");
    }
}
