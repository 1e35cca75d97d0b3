using MLNet.DeepSvdd.Networks;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Networks;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class ChannelsLastTests
{
    [Fact]
    public void Apply_lays_images_out_NHWC_with_the_same_values()
    {
        using var x = arange(2 * 3 * 4 * 5, ScalarType.Float32).view(2, 3, 4, 5);
        using var y = ChannelsLast.Apply(x);
        y.shape.Should().Equal([2L, 3L, 4L, 5L]);
        // NHWC strides by hand: N step = H·W·C = 60, C step = 1, H step = W·C = 15, W step = C = 3.
        y.stride().Should().Equal([60L, 1L, 15L, 3L]);
        ChannelsLast.IsChannelsLast(y).Should().BeTrue();
        ChannelsLast.IsChannelsLast(x).Should().BeFalse();
        y.equal(x).all().item<bool>().Should().BeTrue("only the memory layout changes");
        // The element after (n 0, c 0, h 0, w 0) in memory is channel 1 of the same pixel: x[0, 1, 0, 0] = 20.
        using var memory = y.permute(0, 2, 3, 1).reshape(-1);
        memory[1].item<float>().Should().Be(20f);
    }

    [Fact]
    public void Apply_leaves_rows_and_channels_last_tensors_as_they_are()
    {
        using var rows = randn(4, 10);
        ChannelsLast.Apply(rows).Should().BeSameAs(rows);
        using var images = ChannelsLast.Apply(randn(2, 3, 8, 8));
        ChannelsLast.Apply(images).Should().BeSameAs(images);
    }

    [Fact]
    public void FeatureMap_hands_its_backbone_channels_last_images_and_leaves_vectors_alone()
    {
        var probe = new StrideProbe();
        using var images = new FeatureMap(new NetworkSpec(DeepSvddNetwork.LeNet, [3, 8, 8], 4, UseBias: true, []), probe);
        using (var _ = images.forward(randn(5, 3 * 8 * 8))) { }
        probe.SawChannelsLast.Should().BeTrue();

        var vectorProbe = new StrideProbe();
        using var vectors = new FeatureMap(new NetworkSpec(DeepSvddNetwork.Mlp, [6], 4, UseBias: true, [8]), vectorProbe);
        using (var _ = vectors.forward(randn(5, 6))) { }
        vectorProbe.SawChannelsLast.Should().BeFalse();
        vectorProbe.Rank.Should().Be(2);
    }

    [Theory]
    [InlineData(DeepSvddNetwork.LeNet, 32)]
    [InlineData(DeepSvddNetwork.ResNet18, 32)]
    [InlineData(DeepSvddNetwork.ResNet18, 64)]
    public void Networks_give_the_NCHW_outputs_and_gradients_on_channels_last_input(DeepSvddNetwork kind, int size)
    {
        var spec = new NetworkSpec(kind, [3, size, size], 16, UseBias: true, []);
        using var network = spec.Build(new Generator(3));
        network.train();
        using var x = randn(4, 3, size, size, generator: new Generator(4));

        // Reference: the backbone on the plain NCHW tensor (FeatureMap's normalisation is the identity before statistics are set).
        using var reference = network.Backbone.forward(x);
        reference.square().sum().backward();
        var referenceGrads = network.parameters().Select(p => p.grad!.clone()).ToList();
        foreach (var p in network.parameters()) p.grad!.zero_();

        using var ours = network.forward(x.view(4, -1));
        ours.square().sum().backward();

        double scale = reference.abs().max().item<float>();
        ours.sub(reference).abs().max().item<float>().Should().BeLessThan((float)(1e-4 * scale));
        var grads = network.parameters().Select(p => p.grad!).ToList();
        // Relative to each gradient's own size, with a floor for gradients that are zero in exact arithmetic (a bias before BatchNorm).
        double floor = 1e-5 * referenceGrads.Max(g => g.abs().max().item<float>());
        for (int i = 0; i < grads.Count; i++)
        {
            double gscale = referenceGrads[i].abs().max().item<float>();
            grads[i].sub(referenceGrads[i]).abs().max().item<float>().Should().BeLessThan((float)(1e-3 * gscale + floor), $"gradient {i}");
        }
    }

    private sealed class StrideProbe : nn.Module<Tensor, Tensor>
    {
        public StrideProbe() : base(nameof(StrideProbe)) { }

        public bool SawChannelsLast { get; private set; }

        public long Rank { get; private set; }

        public override Tensor forward(Tensor input)
        {
            Rank = input.dim();
            SawChannelsLast = ChannelsLast.IsChannelsLast(input);
            return input.flatten(1);
        }
    }
}
