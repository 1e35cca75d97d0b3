using MLNet.DeepSvdd.Baselines.Geo;

namespace MLNet.DeepSvdd.Tests;

/// <summary>
/// The catalogs' convenience methods and the Options classes share one set of defaults: a trainer made with no arguments holds exactly the
/// options of <c>new Options()</c>, and every detector refuses an undefined enum value by naming the option.
/// </summary>
public class CatalogDefaultsTests
{
    private readonly MLContext ml = new(seed: 1);

    [Fact]
    public void Deep_SVDD_made_by_the_catalog_without_arguments_has_the_options_defaults()
    {
        var fromCatalog = ml.AnomalyDetection.Trainers.DeepSvdd().TrainerOptions;

        fromCatalog.Should().BeEquivalentTo(new DeepSvddTrainer.Options());
        fromCatalog.LearningRate.Should().BeNull("null is automatic: 1e-4 from scratch, 1e-5 for a pretrained backbone, as in Options");
    }

    [Fact]
    public void GEO_Isolation_Forest_and_the_one_class_SVM_made_by_their_catalogs_without_arguments_have_the_options_defaults()
    {
        ml.AnomalyDetection.Trainers.Geo().TrainerOptions.Should().BeEquivalentTo(new GeoTrainer.Options());
        ml.AnomalyDetection.Trainers.IsolationForest().TrainerOptions.Should().BeEquivalentTo(new IsolationForestTrainer.Options());
        ml.AnomalyDetection.Trainers.OneClassSvm().TrainerOptions.Should().BeEquivalentTo(new OneClassSvmTrainer.Options());
    }

    [Fact]
    public void Every_detector_refuses_an_undefined_enum_option_by_name()
    {
        var deep = () => ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options { Device = (DeepSvddDevice)42 });
        deep.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Device").WithMessage("*Device must be one of Auto, Cpu, Cuda*got 42*");
        var geo = () => ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options { InputNormalization = (InputNormalization)42 });
        geo.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("InputNormalization").WithMessage("*InputNormalization must be one of*got 42*");
    }
}
