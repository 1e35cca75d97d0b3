namespace MLNet.DeepSvdd.Tests.Baselines;

public class BaselinePersistenceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("baselines-test-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static TheoryData<string> Trainers => new() { "IsolationForest", "OneClassSvm" };

    private static IEstimator<ITransformer> Trainer(MLContext ml, string name, string column = "Features") => name switch
    {
        "IsolationForest" => ml.AnomalyDetection.Trainers.IsolationForest(featureColumnName: column, seed: 5),
        _ => ml.AnomalyDetection.Trainers.OneClassSvm(featureColumnName: column, nu: 0.2),
    };

    [Theory]
    [MemberData(nameof(Trainers))]
    public void A_saved_detector_scores_identically_after_Model_Load_in_a_fresh_MLContext(string trainer)
    {
        var ml = new MLContext(seed: 1);
        var fixture = SklearnFixture.Data;
        var train = fixture.TrainView(ml);
        var model = (AnomalyDetectorTransformer)Trainer(ml, trainer).Fit(train);
        var expected = BaselineData.Scores(model, fixture.TestView(ml));
        var expectedLabels = model.Transform(fixture.TestView(ml)).GetColumn<bool>("PredictedLabel").ToArray();
        string path = Path.Combine(directory, $"{trainer}.zip");
        ml.Model.Save(model, train.Schema, path);

        var fresh = new MLContext();
        var loaded = fresh.Model.Load(path, out var schema);
        schema["Features"].Type.Should().Be(train.Schema["Features"].Type);
        var test = fixture.TestView(fresh);
        BaselineData.Scores(loaded, test).Should().Equal(expected);
        loaded.Transform(test).GetColumn<bool>("PredictedLabel").Should().Equal(expectedLabels);
        var engine = fresh.Model.CreatePredictionEngine<FixtureRow, AnomalyPrediction>(loaded);
        fixture.Test.Select(r => engine.Predict(r).Score).Should().Equal(expected);
        fresh.AnomalyDetection.Evaluate(loaded.Transform(test)).AreaUnderRocCurve
            .Should().Be(ml.AnomalyDetection.Evaluate(model.Transform(fixture.TestView(ml))).AreaUnderRocCurve);

        var detector = fresh.Model.GetBaselineDetector<AnomalyDetectorTransformer>(loaded);
        detector.GetType().Should().Be(model.GetType());
        detector.Threshold.Should().Be(model.Threshold);
        detector.FeatureColumnName.Should().Be("Features");
        BaselineData.Scores(detector, test).Should().Equal(expected);
    }

    [Fact]
    public void A_saved_pipeline_keeps_its_other_transforms_and_the_detector_parameters()
    {
        var ml = new MLContext(seed: 1);
        var fixture = SklearnFixture.Data;
        var train = fixture.TrainView(ml);
        var pipeline = ml.Transforms.NormalizeMeanVariance("Scaled", "Features").Append(Trainer(ml, "OneClassSvm", "Scaled"));
        var model = pipeline.Fit(train);
        var svm = (OneClassSvmTransformer)model.LastTransformer;
        var expected = BaselineData.Scores(model, fixture.TestView(ml));
        string path = Path.Combine(directory, "pipeline.zip");
        ml.Model.Save(model, train.Schema, path);

        var fresh = new MLContext();
        var loaded = fresh.Model.Load(path, out _);
        BaselineData.Scores(loaded, fixture.TestView(fresh)).Should().Equal(expected);
        var restored = fresh.Model.GetBaselineDetector<OneClassSvmTransformer>(loaded);
        restored.Gamma.Should().Be(svm.Gamma);
        restored.Rho.Should().Be(svm.Rho);
        restored.Nu.Should().Be(0.2);
        restored.DualCoefficients.Should().Equal(svm.DualCoefficients);
        restored.GetSupportVector(7).Should().Equal(svm.GetSupportVector(7));
        restored.Iterations.Should().Be(svm.Iterations);
        restored.FeatureColumnName.Should().Be("Scaled");
        var act = () => fresh.Model.GetBaselineDetector<IsolationForestTransformer>(loaded);
        act.Should().Throw<InvalidDataException>().WithMessage("*no IsolationForestTransformer*");
    }

    [Fact]
    public void A_forest_with_a_changed_threshold_keeps_it_through_save_and_load()
    {
        var ml = new MLContext(seed: 1);
        var fixture = SklearnFixture.Data;
        var train = fixture.TrainView(ml);
        var model = ml.AnomalyDetection.Trainers.IsolationForest(seed: 2).Fit(train).WithThreshold(0.55f);
        string path = Path.Combine(directory, "forest.zip");
        ml.Model.Save(model, train.Schema, path);

        var fresh = new MLContext();
        var forest = fresh.Model.GetBaselineDetector<IsolationForestTransformer>(fresh.Model.Load(path, out _));
        forest.Threshold.Should().Be(0.55f);
        forest.NumberOfTrees.Should().Be(100);
        forest.SampleSize.Should().Be(256);
        forest.MaxDepth.Should().Be(8);
        fixture.Test.Select(r => forest.MeanPathLength(r.Features)).Should().Equal(fixture.Test.Select(r => model.MeanPathLength(r.Features)));
    }
}
