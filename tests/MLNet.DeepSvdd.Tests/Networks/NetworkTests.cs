using MLNet.DeepSvdd.Networks.Pretrained;
using MLNet.DeepSvdd.Networks;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Networks;

public class NetworkTests
{
    public sealed class ImageRow
    {
        [VectorType(3, 16, 16)]
        public float[] Pixels { get; set; } = [];
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LeNet_maps_images_to_the_representation_and_UseBias_false_removes_every_bias_and_affine_shift(bool bias)
    {
        var spec = new NetworkSpec(DeepSvddNetwork.LeNet, [3, 32, 32], 128, bias, []);
        using var net = spec.Build(new Generator(1));
        using var x = randn(4, 3 * 32 * 32);
        using var y = net.forward(x);
        y.shape.Should().Equal([4L, 128L]);
        var names = net.named_parameters().Select(p => p.name).ToList();
        names.Any(n => n.EndsWith("bias")).Should().Be(bias);
        names.Count(n => n.Contains("bn") && n.EndsWith("weight")).Should().Be(bias ? 3 : 0, "BatchNorm is affine only with biases");
        // conv 5x5: 3·32·25 + 32·64·25 + 64·128·25 weights, linear 128·4·4 → 128.
        long weights = 3 * 32 * 25 + 32 * 64 * 25 + 64 * 128 * 25 + 128 * 4 * 4 * 128;
        long biases = bias ? 32 + 64 + 128 + 128 + 2 * (32 + 64 + 128) : 0;
        net.parameters().Sum(p => p.numel()).Should().Be(weights + biases);
    }

    [Fact]
    public void Mlp_without_bias_maps_zero_input_to_zero_features()
    {
        var spec = new NetworkSpec(DeepSvddNetwork.Mlp, [10], 8, UseBias: false, [16]);
        using var net = spec.Build(new Generator(1));
        net.eval();
        using var zero = zeros(3, 10);
        using var y = net.forward(zero);
        y.abs().max().item<float>().Should().Be(0f, "no bias and no BatchNorm shift: the trivial solution φ(0) = 0 cannot reach c ≠ 0");
    }

    [Fact]
    public void Same_generator_seed_builds_identical_weights()
    {
        var spec = new NetworkSpec(DeepSvddNetwork.Mlp, [10], 8, true, [16]);
        using var a = spec.Build(new Generator(3));
        using var b = spec.Build(new Generator(3));
        using var c = spec.Build(new Generator(4));
        var wa = a.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        b.parameters().SelectMany(p => p.data<float>().ToArray()).Should().Equal(wa);
        c.parameters().SelectMany(p => p.data<float>().ToArray()).Should().NotEqual(wa);
    }

    public sealed class GrayRow
    {
        [VectorType(1, 16, 16)]
        public float[] Pixels { get; set; } = [];
    }

    [Fact]
    public void Image_shape_is_read_from_the_pixel_column_and_Auto_picks_the_pretrained_ResNet_for_RGB_and_LeNet_otherwise()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(0);
        var options = new DeepSvddTrainer.Options { FeatureColumnName = "Pixels", Epochs = 1, BatchSize = 10, Seed = 1, ThrowOnCollapse = false };

        // This test project references Microsoft.ML.DnnImageFeaturizer.ResNet18, which puts ResNet18.onnx next to the tests.
        var rgb = Enumerable.Range(0, 20).Select(_ => new ImageRow { Pixels = Enumerable.Range(0, 768).Select(_ => (float)random.Next(256)).ToArray() });
        var rgbOptions = new DeepSvddTrainer.Options
            { FeatureColumnName = "Pixels", Epochs = 1, BatchSize = 10, Seed = 1, ThrowOnCollapse = false, InputResolution = 32 }; // default: 224 px, slow here
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(rgbOptions).Fit(ml.Data.LoadFromEnumerable(rgb));
        model.Report.Network.Should().StartWith("ResNet18Pretrained [3×16×16 resized to 32×32 → 128]");

        var gray = Enumerable.Range(0, 20).Select(_ => new GrayRow { Pixels = Enumerable.Range(0, 256).Select(_ => (float)random.Next(256)).ToArray() });
        model = ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(ml.Data.LoadFromEnumerable(gray));
        model.Report.Network.Should().StartWith("LeNet [1×16×16 → 128]");
        model.RepresentationDimension.Should().Be(128);
    }

    [Fact]
    public void Auto_fails_saying_what_to_install_or_set_when_the_pretrained_ResNet_is_missing_instead_of_training_another_network()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(0);
        var rgb = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 20)
            .Select(_ => new ImageRow { Pixels = Enumerable.Range(0, 768).Select(_ => (float)random.Next(256)).ToArray() }));
        string missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N"), "ResNet18.onnx");
        var options = new DeepSvddTrainer.Options
            { FeatureColumnName = "Pixels", Epochs = 1, BatchSize = 10, Seed = 1, ThrowOnCollapse = false, PretrainedWeightsPath = missing };

        var fit = () => ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(rgb);
        fit.Should().Throw<FileNotFoundException>()
            .WithMessage($"*Network = Auto*pretrained ResNet-18*'Pixels'*{missing}*Microsoft.ML.DnnImageFeaturizer.ResNet18*Network = LeNet*");

        options.Network = DeepSvddNetwork.LeNet; // the documented way out
        options.PretrainedWeightsPath = null;
        ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(rgb).Report.Network.Should().StartWith("LeNet [3×16×16 → 128]");
    }

    [Fact]
    public void The_pretrained_ResNet_is_looked_for_in_the_application_folder_first_then_the_NuGet_cache_and_else_reported_missing()
    {
        var root = Directory.CreateTempSubdirectory("resnet-locate-").FullName;
        try
        {
            string app = Path.Combine(root, "app"), cache = Path.Combine(root, "nuget");
            string inApp = Path.Combine(app, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");
            string inCache = Path.Combine(cache, "microsoft.ml.dnnimagefeaturizer.resnet18", "0.23.1", "tools", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

            var none = () => ResNet18ImageNet.Locate(null, app, cache);
            none.Should().Throw<FileNotFoundException>()
                .WithMessage("*Microsoft.ML.DnnImageFeaturizer.ResNet18*PretrainedWeightsPath*Looked in: " + inApp + "*");

            Directory.CreateDirectory(Path.GetDirectoryName(inCache)!);
            File.WriteAllText(inCache, "");
            ResNet18ImageNet.Locate(null, app, cache).Should().Be(inCache);

            Directory.CreateDirectory(Path.GetDirectoryName(inApp)!);
            File.WriteAllText(inApp, "");
            ResNet18ImageNet.Locate(null, app, cache).Should().Be(inApp, "the copy next to the application comes first");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
