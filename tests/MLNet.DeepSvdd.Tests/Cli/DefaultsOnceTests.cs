using System.Reflection;
using MLNet.DeepSvdd.Baselines.Geo;
using MLNet.DeepSvdd.Cli.Commands;
using MLNet.DeepSvdd.Cli.Reproduce;
using MLNet.DeepSvdd.Selection;
using MLNet.DeepSvdd.Selection.Candidates;
using OnnxScoring;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>
/// Issue 26 (defaults once), per trainer: what the CLI, the samples and the selection space use by default is the library's default,
/// except where a documented list below says otherwise; and the defaults that used to be literals keep their values (written out here by
/// hand, not read from the code under test). <see cref="TrainDefaultsTests"/> covers <c>deepsvdd train</c>.
/// </summary>
public class DefaultsOnceTests
{
    [Fact]
    public void Deep_SVDD_defaults_that_were_literals_keep_their_values()
    {
        DeepSvddTrainer.Defaults.MlpRepresentationDimension.Should().Be(32);
        DeepSvddTrainer.Defaults.ImageRepresentationDimension.Should().Be(128);
        DeepSvddTrainer.Defaults.HiddenLayers.Should().Equal(128, 64);
        DeepSvddTrainer.Defaults.HiddenLayers.Should().NotBeSameAs(DeepSvddTrainer.Defaults.HiddenLayers, "options must not share one array");
        new DeepSvddTrainer.Options().HiddenLayers.Should().Equal(128, 64);
        DeepSvddTrainer.Defaults.ScoringBatchSize.Should().Be(256);
        DefaultOf(typeof(global::MLNet.DeepSvdd.Persistence.DeepSvddState.Metadata).GetConstructors().Single(), "ScoringBatchSize").Should().Be(256,
            "a model file saved before the scoring batch size was stored loads with 256");
        var compute = typeof(global::MLNet.DeepSvdd.Networks.Pretrained.PretrainedFeatures)
            .GetMethod("Compute", [typeof(IReadOnlyList<float[]>), typeof(int)])!;
        DefaultOf(compute, "batchSize").Should().Be(256);

        // The public constants of Options read the same definitions, with the same types and values as before.
        DeepSvddTrainer.Options.DefaultLearningRate.Should().Be(1e-4);
        DeepSvddTrainer.Options.DefaultFineTuningLearningRate.Should().Be(1e-5);
        DeepSvddTrainer.Options.DefaultPretrainedFreezeThrough.Should().Be(BackboneStage.Layer3);
        DeepSvddTrainer.Options.DefaultImageRepresentation.Should().Be(DeepSvddRepresentation.PooledAndPatches);
        DeepSvddTrainer.Options.DefaultPretrainedResolution.Should().Be(224);
    }

    [Fact]
    public void The_selection_space_trains_Deep_SVDD_with_the_library_defaults_except_the_documented_ones()
    {
        var library = new DeepSvddTrainer.Options();

        // ForVectors' first candidate is the library's default on an MLP: only the network is chosen (and its epochs are the trainer's).
        var vectors = ((DeepSvddCandidate)SearchSpace.ForVectors().Candidates[0]).Options;
        Differences(vectors, library).Should().BeEquivalentTo([nameof(DeepSvddTrainer.Options.Network)]);
        vectors.Epochs.Should().Be(30);

        // ForImages' first candidate is the library's default on the pretrained ResNet-18, at the space's own resolution and epochs.
        var images = ((DeepSvddCandidate)SearchSpace.ForImages().Candidates[0]).Options;
        Differences(images, library).Should().BeEquivalentTo(
            [nameof(DeepSvddTrainer.Options.Network), nameof(DeepSvddTrainer.Options.InputResolution), nameof(DeepSvddTrainer.Options.Epochs)]);
        images.InputResolution.Should().Be(128);
        images.Epochs.Should().Be(10);

        // The paper's settings: documented, including the learning rates kept as the float literals 1e-4f and 1e-3f (not the library's doubles).
        var paper = SearchSpace.PaperSettings();
        Differences(paper, library).Should().BeEquivalentTo([nameof(DeepSvddTrainer.Options.Network),
            nameof(DeepSvddTrainer.Options.FreezeThrough), nameof(DeepSvddTrainer.Options.LearningRate),
            nameof(DeepSvddTrainer.Options.HeadLearningRate)]);
        paper.LearningRate.Should().Be(9.999999747378752E-05);
        paper.HeadLearningRate.Should().Be(0.0010000000474974513);
        paper.Epochs.Should().Be(30);
    }

    [Fact]
    public void The_selection_space_trains_Isolation_Forest_and_the_one_class_SVM_with_the_library_defaults_except_the_documented_ones()
    {
        var forests = SearchSpace.ForVectors().Candidates.OfType<IsolationForestCandidate>()
            .Select(OptionsOf<IsolationForestTrainer.Options>).ToList();
        forests[0].Should().BeEquivalentTo(new IsolationForestTrainer.Options(), "the first forest is the library's default");
        forests[1].Should().BeEquivalentTo(new IsolationForestTrainer.Options { NumberOfTrees = 300 }, "documented: a bigger forest");

        // Every SVM candidate, for vectors and for images, is the library's default but for the γ grid (GammaScale).
        var svms = SearchSpace.ForVectors().Candidates.Concat(SearchSpace.ForImages(channels: 1).Candidates)
            .OfType<OneClassSvmCandidate>().Select(OptionsOf<OneClassSvmTrainer.Options>).ToList();
        svms.Should().NotBeEmpty();
        foreach (var svm in svms)
        {
            svm.Nu.Should().Be(0.1);
            Differences(svm, new OneClassSvmTrainer.Options()).Should().BeSubsetOf([nameof(OneClassSvmTrainer.Options.GammaScale)]);
        }
    }

    [Fact]
    public void Tune_uses_the_search_defaults_except_its_documented_epochs()
    {
        var tune = new TuneCommand.Settings();
        var search = new DetectorSearch.Options();
        tune.Strategy.Should().Be(search.Strategy).And.Be(SearchStrategy.SuccessiveHalving);
        tune.MinEpochs.Should().Be(search.MinEpochs).And.Be(1);
        tune.HalvingRate.Should().Be(search.HalvingRate).And.Be(3);
        var forImages = typeof(SearchSpace).GetMethod(nameof(SearchSpace.ForImages))!;
        tune.InputResolution.Should().Be(128).And.Be((int)DefaultOf(forImages, "inputResolution")!);

        // Documented: 5 epochs (as reproduce's cpu profile), not the image space's 10.
        tune.Epochs.Should().Be(TuneCommand.Settings.DefaultEpochs).And.Be(5);
        DefaultOf(forImages, "epochs").Should().Be(10);
    }

    [Fact]
    public void GEO_defaults_that_were_literals_keep_their_values_and_the_full_reproduction_uses_them()
    {
        GeoTrainer.Defaults.LearningRate.Should().Be(1e-3);
        GeoTrainer.Defaults.FineTuningLearningRate.Should().Be(1e-4);
        var geo = new GeoTrainer.Options();
        geo.Network.Should().Be(DeepSvddNetwork.Auto);
        geo.UseMaxPool.Should().BeTrue();
        geo.InputNormalization.Should().Be(InputNormalization.Auto);
        geo.Device.Should().Be(DeepSvddDevice.Auto);
        geo.LearningRate.Should().BeNull("null is automatic: 1e-4 fine-tuning the pretrained ResNet-18, 1e-3 otherwise");

        // The paper's protocol is the library's defaults: 30 Deep SVDD epochs, 3 GEO epochs; the cpu and smoke profiles document their own.
        ReproduceProfile.Full.Epochs.Should().Be(new DeepSvddTrainer.Options().Epochs).And.Be(30);
        ReproduceProfile.Full.GeoEpochs.Should().Be(geo.Epochs).And.Be(3);
        ReproduceProfile.Cpu.GeoEpochs.Should().Be(1);
        ReproduceProfile.Smoke.GeoEpochs.Should().Be(1);
    }

    [Fact]
    public void The_fine_tuning_study_checks_its_keys_and_keeps_the_library_defaults()
    {
        var parsed = FineTuningStudy.Parse(["class=1", "res=128", "freeze=Layer2", "lr=1e-5", "epochs=8", "reg=var", "top=0.1"]);
        parsed["class"].Should().Be(1);
        parsed["freeze"].Should().Be(BackboneStage.Layer2);
        parsed["lr"].Should().Be(1e-5f, "the study reads the learning rate as a float, as it always has");
        parsed["reg"].Should().Be(CollapseRegularizer.VarianceHinge);
        parsed["top"].Should().Be(0.1);

        FineTuningStudy.DefaultEpochs.Should().Be(5);
        FineTuningStudy.DefaultNetwork.Should().Be(DeepSvddNetwork.ResNet18Pretrained);
        foreach (var bad in new[] { "class", "bogus=1", "class=12", "freeze=Layer9", "reg=x", "lr=fast" })
            ((Action)(() => FineTuningStudy.Parse([bad]))).Should().Throw<ArgumentException>().WithMessage($"'{bad}'*");

        var error = new StringWriter();
        static void Ran() => throw new InvalidOperationException("ran");
        var handlers = new QuickstartCommandLine.Handlers(_ => Ran(), Ran, Ran, _ => Ran());
        QuickstartCommandLine.Run(["finetune", "class=1", "bogus=2"], handlers, error).Should().Be(QuickstartCommandLine.UsageError);
        error.ToString().Should().StartWith("error: 'bogus=2': unknown key 'bogus'");
    }

    [Theory]
    [InlineData("--batch needs a positive number.", "m.onnx", "images", "--batch", "0")]
    [InlineData("--batch needs a positive number.", "m.onnx", "images", "--batch", "x")]
    [InlineData("usage: OnnxScoring <model.onnx> <image folder>", "m.onnx")]
    [InlineData("'--bogus'", "m.onnx", "images", "--bogus")]
    public void The_OnnxScoring_sample_names_a_usage_error_and_exits_with_2(string message, params string[] args)
    {
        var error = new StringWriter();
        ScoringApp.Run(args, TextWriter.Null, error).Should().Be(ScoringApp.UsageError);
        error.ToString().Should().Contain(message).And.StartWith("error: ");
        ScoringApp.DefaultBatch.Should().Be(32);
    }

    private static List<string> Differences<T>(T actual, T expected) => typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
        .Where(p => !Same(p.GetValue(actual), p.GetValue(expected)))
        .Select(p => p.Name)
        .ToList();

    private static bool Same(object? a, object? b) => a switch
    {
        null => b is null,
        System.Collections.IEnumerable x when a is not string && b is System.Collections.IEnumerable y =>
            x.Cast<object?>().SequenceEqual(y.Cast<object?>()),
        _ => a.Equals(b),
    };

    private static object? DefaultOf(MethodBase method, string parameter) => method.GetParameters().Single(p => p.Name == parameter).DefaultValue;

    private static T OptionsOf<T>(object candidate) =>
        (T)candidate.GetType().GetField("options", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(candidate)!;
}
