using MLNet.DeepSvdd.Selection.Candidates;
using MLNet.DeepSvdd.Selection;

namespace MLNet.DeepSvdd.Tests.Selection;

public class SearchSpaceTests
{
    private static IEnumerable<DeepSvddTrainer.Options> Deep(SearchSpace space) => space.Candidates.OfType<DeepSvddCandidate>().Select(c => c.Options);

    [Fact]
    public void The_image_space_covers_the_regularizers_bias_k_learning_rate_depth_resolution_backbones_and_shallow_baselines()
    {
        var space = SearchSpace.ForImages(epochs: 5, inputResolution: 128);

        var deep = Deep(space).ToList();
        deep.Should().OnlyContain(o => o.Epochs == 5);
        deep.Select(o => o.Regularizer).Distinct().Should().BeEquivalentTo([CollapseRegularizer.NoiseInjection, CollapseRegularizer.VarianceHinge, CollapseRegularizer.None]);
        deep.Select(o => o.UseBias).Distinct().Should().HaveCount(2);
        deep.Select(o => o.NoiseHeads).Distinct().Should().Contain([5, 64, 200]);
        deep.Select(o => o.Network).Distinct().Should().BeEquivalentTo([DeepSvddNetwork.ResNet18Pretrained, DeepSvddNetwork.LeNet]);
        deep.Where(o => o.Network == DeepSvddNetwork.ResNet18Pretrained).Select(o => o.InputResolution).Distinct().Should().BeEquivalentTo(new int?[] { 128, 64 });
        deep.Select(o => o.FreezeThrough).Should().Contain(BackboneStage.Layer2);
        deep.Select(o => o.LearningRate).Should().Contain(1e-4f);
        deep.Where(o => o.Network == DeepSvddNetwork.ResNet18Pretrained).Select(o => o.Representation).Distinct().Should().BeEquivalentTo(
            [DeepSvddRepresentation.Auto, DeepSvddRepresentation.Pooled, DeepSvddRepresentation.Patches], "a wrong object or a small local defect");
        deep.Should().ContainSingle(o => o.FreezeThrough == BackboneStage.None, "the paper's settings: every layer fine-tuned")
            .Which.Should().Match<DeepSvddTrainer.Options>(o => o.LearningRate == 1e-4f && o.HeadLearningRate == 1e-3f && o.InputResolution == 128);
        space.Candidates.OfType<ShallowCandidate>().Select(c => (c.Family, c.Features)).Distinct().Should().BeEquivalentTo(new[]
        {
            ("One-class SVM", FeatureSpace.ResNet18Features), ("Isolation Forest", FeatureSpace.ResNet18Features),
            ("One-class SVM", FeatureSpace.PixelPca), ("Isolation Forest", FeatureSpace.PixelPca),
        });
        space.Candidates.Select(c => c.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Grayscale_images_get_no_ResNet_candidates_and_vectors_get_an_MLP_and_raw_features()
    {
        SearchSpace.ForImages(channels: 1).Candidates.Should().NotContain(c =>
            c is DeepSvddCandidate && ((DeepSvddCandidate)c).Options.Network == DeepSvddNetwork.ResNet18Pretrained ||
            c is ShallowCandidate && ((ShallowCandidate)c).Features == FeatureSpace.ResNet18Features);
        var vectors = SearchSpace.ForVectors(epochs: 7);
        Deep(vectors).Should().OnlyContain(o => o.Network == DeepSvddNetwork.Mlp && o.Epochs == 7);
        vectors.Candidates.OfType<ShallowCandidate>().Should().OnlyContain(c => c.Features == FeatureSpace.Raw);
        vectors.Candidates.OfType<OneClassSvmCandidate>().Should().HaveCount(5);
    }

    [Fact]
    public void The_paper_grid_is_its_eight_k_values_with_its_learning_rates_and_every_layer_trained()
    {
        var space = SearchSpace.PaperNoiseHeads(epochs: 30);

        Deep(space).Select(o => o.NoiseHeads).Should().Equal(5, 30, 50, 60, 70, 100, 130, 200);
        Deep(space).Should().OnlyContain(o => o.LearningRate == 1e-4f && o.HeadLearningRate == 1e-3f && o.FreezeThrough == BackboneStage.None &&
            o.UseBias && o.Regularizer == CollapseRegularizer.NoiseInjection && o.Network == DeepSvddNetwork.ResNet18Pretrained);
    }

    [Fact]
    public void A_grid_is_the_product_of_its_values_and_k_varies_only_under_noise_injection()
    {
        var grid = SearchSpace.DeepSvddGrid(new DeepSvddTrainer.Options { Network = DeepSvddNetwork.Mlp },
            regularizers: [CollapseRegularizer.NoiseInjection, CollapseRegularizer.VarianceHinge], useBias: [true, false], noiseHeads: [8, 64],
            learningRates: [1e-3f, 1e-4f]);

        grid.Candidates.Should().HaveCount(2 * 2 * 2 + 1 * 2 * 2);
        Deep(grid).Count(o => o.Regularizer == CollapseRegularizer.VarianceHinge).Should().Be(4);
        grid.Where(c => c.Name.Contains("no bias")).Candidates.Should().HaveCount(6);
    }

    [Fact]
    public void A_candidate_copies_its_options_so_later_changes_do_not_leak_in()
    {
        var options = new DeepSvddTrainer.Options { Network = DeepSvddNetwork.Mlp, NoiseHeads = 8 };
        var candidate = new DeepSvddCandidate(options);

        options.NoiseHeads = 99;
        candidate.Options.NoiseHeads = 77;

        candidate.Options.NoiseHeads.Should().Be(8);
        candidate.Parameters["noiseHeads"].Should().Be("8");
    }
}
