namespace MLNet.DeepSvdd.Tests.Training;

/// <summary>The training report records the settings Fit resolved from null options, and keeps them through save and load.</summary>
public class ResolvedSettingsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("resolved-settings-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_network_trained_from_scratch_reports_the_papers_learning_rate_and_no_frozen_stage_and_keeps_them_when_reloaded()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml, 200, 10);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.LearningRate = null; o.Epochs = 1; })).Fit(train);

        model.Report.LearningRate.Should().Be((double)1e-4f, "null resolves to 1e-4 (the paper's) for a network trained from scratch");
        model.Report.FreezeThrough.Should().Be(BackboneStage.None);
        model.Report.FreezeBatchNorm.Should().BeFalse();

        string path = Path.Combine(directory, "model.zip");
        ml.Model.Save(model, train.Schema, path);
        var reloaded = ml.Model.GetDeepSvdd(ml.Model.Load(path, out _));
        reloaded.Report.LearningRate.Should().Be(model.Report.LearningRate);
        reloaded.Report.FreezeThrough.Should().Be(BackboneStage.None);
        reloaded.Report.FreezeBatchNorm.Should().BeFalse();
    }

    [Fact]
    public void A_given_learning_rate_is_reported_as_given()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Fixtures.SyntheticSplit(ml, 200, 10);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.LearningRate = 3e-3; o.Epochs = 1; })).Fit(train);

        model.Report.LearningRate.Should().Be((double)3e-3f, "the loop trains in single precision");
    }

    [Fact]
    public void A_model_saved_before_the_settings_were_recorded_reports_them_as_unknown()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reliability", "Fixtures", "DeepSvdd-v2.zip");
        var ml = new MLContext();
        var old = ml.Model.GetDeepSvdd(ml.Model.Load(path, out _));

        old.Report.LearningRate.Should().BeNull();
        old.Report.FreezeThrough.Should().BeNull();
        old.Report.FreezeBatchNorm.Should().BeNull();
    }
}
