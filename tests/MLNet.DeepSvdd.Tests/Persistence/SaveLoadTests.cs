namespace MLNet.DeepSvdd.Tests.Persistence;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class SaveLoadTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("deepsvdd-test-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_saved_model_scores_bit_identically_in_a_fresh_process_and_restores_to_the_batched_transformer()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.Epochs = 3; o.Objective = DeepSvddObjective.SoftBoundary; o.RadiusWarmUpEpochs = 1; o.ScoringBatchSize = 17; })).Fit(train);
        var test = SyntheticData.Load(ml, new SyntheticData(9).MixedRows(64));
        var expected = model.Transform(test).GetColumn<float>("Score").ToArray();
        var engine = ml.Model.CreatePredictionEngine<VectorRow, DeepSvddPrediction>(model);
        var expectedRowByRow = new SyntheticData(9).MixedRows(64).Select(r => engine.Predict(r).Score).ToArray();

        string path = Path.Combine(directory, "model.zip");
        ml.Model.Save(model, train.Schema, path);

        // Model.Load rebuilds a row-by-row scorer: bit-identical to the original's row-by-row path (PredictionEngine).
        ModelLoadProcess.ScoreInFreshProcess(path, dataSeed: 9, rows: 64).Should().Equal(expectedRowByRow);

        var fresh = new MLContext();
        var loaded = fresh.Model.Load(path, out var schema);
        schema["Features"].Type.Should().Be(train.Schema["Features"].Type);
        loaded.Transform(test).GetColumn<float>("Score").Should().Equal(expectedRowByRow);
        fresh.AnomalyDetection.Evaluate(loaded.Transform(test)).AreaUnderRocCurve
            .Should().BeApproximately(ml.AnomalyDetection.Evaluate(model.Transform(test)).AreaUnderRocCurve, 1e-3);

        var restored = fresh.Model.LoadDeepSvdd(path, out _);
        restored.Should().BeOfType<DeepSvddTransformer>();
        var detector = (DeepSvddTransformer)restored;
        detector.Transform(test).GetColumn<float>("Score").Should().Equal(expected);
        detector.Center.Should().Equal(model.Center);
        detector.Radius.Should().Be(model.Radius);
        detector.Threshold.Should().Be(model.Threshold);
        detector.ScoringBatchSize.Should().Be(17);
        detector.Objective.Should().Be(DeepSvddObjective.SoftBoundary);
        detector.Report.Epochs.Select(e => e.SvddLoss).Should().Equal(model.Report.Epochs.Select(e => e.SvddLoss));
        fresh.Model.GetDeepSvdd(loaded).Threshold.Should().Be(model.Threshold);
    }

    [Fact]
    public void A_saved_pipeline_keeps_its_other_transforms_and_restores_the_detector_inside_it()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = Fixtures.SyntheticSplit(ml);
        var pipeline = ml.Transforms.NormalizeMinMax("Scaled", "Features")
            .Append(ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.FeatureColumnName = "Scaled"; o.Epochs = 2; })));
        var model = pipeline.Fit(train);
        var expected = model.Transform(test).GetColumn<float>("Score").ToArray();
        string path = Path.Combine(directory, "pipeline.zip");
        ml.Model.Save(model, train.Schema, path);

        var fresh = new MLContext();
        fresh.Model.Load(path, out _).Transform(test).GetColumn<float>("Score")
            .Should().Equal(expected, (a, b) => Math.Abs(a - b) <= 1e-5f * Math.Max(1f, Math.Abs(b)), "row-by-row after Model.Load");
        var restored = fresh.Model.LoadDeepSvdd(path, out _);
        restored.Transform(test).GetColumn<float>("Score").Should().Equal(expected);
        ((IEnumerable<ITransformer>)restored).OfType<DeepSvddTransformer>().Should().ContainSingle();
    }

    [Fact]
    public void Loading_a_model_without_Deep_SVDD_says_so()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml);
        var other = ml.Transforms.NormalizeMinMax("Features").Fit(train);
        string path = Path.Combine(directory, "other.zip");
        ml.Model.Save(other, train.Schema, path);
        var act = () => ml.Model.LoadDeepSvdd(path, out _);
        act.Should().Throw<InvalidDataException>().WithMessage("*no Deep SVDD model*");
        var missing = () => ml.Model.LoadDeepSvdd(Path.Combine(directory, "absent.zip"), out _);
        missing.Should().Throw<FileNotFoundException>().WithMessage("*absent.zip*");
    }
}
