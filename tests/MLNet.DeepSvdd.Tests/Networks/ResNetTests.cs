using MLNet.DeepSvdd.Networks.Pretrained;
using MLNet.DeepSvdd.Networks;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Networks;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class ResNetTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("deepsvdd-resnet-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private sealed class OnnxInput
    {
        [VectorType(3, 224, 224)]
        [ColumnName("Input247")]
        public float[] Pixels { get; set; } = [];
    }

    [Fact]
    public void Imported_ImageNet_ResNet18_matches_ONNX_Runtime_on_the_same_input()
    {
        string onnx = ResNet18ImageNet.Locate(null);
        var random = new Random(3);
        // A preprocessed input as the ONNX graph takes it (BGR minus mean, roughly in ±128).
        var inputs = Enumerable.Range(0, 2).Select(_ => new OnnxInput { Pixels = Enumerable.Range(0, 3 * 224 * 224).Select(_ => (float)(random.NextDouble() * 255 - 128)).ToArray() }).ToList();

        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(inputs);
        var reference = ml.Transforms.ApplyOnnxModel(["Pooling395_Output_0"], ["Input247"], onnx).Fit(data).Transform(data)
            .GetColumn<float[]>("Pooling395_Output_0").ToArray();

        var spec = new NetworkSpec(DeepSvddNetwork.ResNet18Pretrained, [3, 224, 224], 16, UseBias: true, []);
        using var network = spec.Build(new Generator(1));
        PretrainedWeights.Apply(network, null).Should().Be(onnx);
        network.eval();
        using var noGrad = no_grad();
        using var x = tensor(inputs.SelectMany(i => i.Pixels).ToArray(), [2, 3, 224, 224]);
        using var features = ((ResNet)network.Backbone).Features(x);
        var ours = features.data<float>().ToArray();

        var theirs = reference.SelectMany(r => r).ToArray();
        theirs.Should().HaveCount(2 * 512);
        double maxError = ours.Zip(theirs).Max(p => Math.Abs(p.First - p.Second));
        Console.WriteLine($"ResNet-18 import: max |ours − ONNX Runtime| = {maxError:G3}");
        maxError.Should().BeLessThan(1e-4, $"max |ours − ONNX Runtime| = {maxError:G3}");
        theirs.Select(Math.Abs).Max().Should().BeGreaterThan(0.1f, "the comparison is not between two zero vectors");
    }

    [Fact]
    public void Converted_weights_are_cached_and_read_back_identically()
    {
        string onnx = ResNet18ImageNet.Locate(null);
        var first = ResNet18ImageNet.Load(onnx);
        var direct = ResNet18ImageNet.Convert(onnx);
        first.Keys.Should().BeEquivalentTo(direct.Keys);
        first.Should().HaveCount(110);
        foreach (var key in direct.Keys) first[key].equal(direct[key]).all().item<bool>().Should().BeTrue(key);
    }

    [Fact]
    public void ONNX_initializers_are_read_bit_identically_to_the_former_hand_written_protobuf_parser()
    {
        // SHA-256 over (name, shape, values) of every float initializer, sorted by name, as the hand-written varint parser read them
        // (commit c8cec6f); OnnxSharp's generated types must give the very same bits.
        var initializers = OnnxInitializers.Read(ResNet18ImageNet.Locate(null));
        initializers.Should().HaveCount(110);
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        long floats = 0;
        foreach (var name in initializers.Keys.Order(StringComparer.Ordinal))
        {
            var init = initializers[name];
            init.Name.Should().Be(name);
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(init.Shape.AsSpan()));
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(init.Values.AsSpan()));
            floats += init.Values.Length;
        }
        floats.Should().Be(15_908_800);
        Convert.ToHexString(sha.GetHashAndReset()).Should().Be("85A04D6EEE835D5C567D46F8FBDE2937779AF6B882170BF084CBA726A0CC528C");
    }

    [Fact]
    public void A_truncated_or_empty_ONNX_file_is_reported_as_invalid_data()
    {
        string onnx = ResNet18ImageNet.Locate(null);
        string truncated = Path.Combine(directory, "truncated.onnx");
        using (var source = File.OpenRead(onnx))
        using (var target = File.Create(truncated))
        {
            var head = new byte[1 << 20];
            source.ReadExactly(head);
            target.Write(head);
        }
        var readTruncated = () => OnnxInitializers.Read(truncated);
        readTruncated.Should().Throw<InvalidDataException>().WithMessage($"'{truncated}' is not a valid ONNX model file (truncated or corrupt protobuf).");

        string empty = Path.Combine(directory, "empty.onnx");
        File.WriteAllBytes(empty, []);
        var readEmpty = () => OnnxInitializers.Read(empty);
        readEmpty.Should().Throw<InvalidDataException>().WithMessage($"'{empty}' holds no float initializers*");
    }

    [Fact]
    public void ResNet18_loads_a_PyTorch_state_dict_written_by_PyBridge()
    {
        var spec = new NetworkSpec(DeepSvddNetwork.ResNet18, [3, 32, 32], 8, UseBias: true, []);
        using var source = spec.Build(new Generator(1));
        string path = Path.Combine(directory, "resnet18.pt");
        source.Backbone.save_py(path);

        using var target = spec.Build(new Generator(2));
        PretrainedWeights.Apply(target, path);
        var sourceState = source.Backbone.state_dict();
        var targetState = target.Backbone.state_dict();
        foreach (var key in sourceState.Keys.Where(k => !k.StartsWith("fc.")))
            targetState[key].equal(sourceState[key]).all().item<bool>().Should().BeTrue(key);
        targetState["fc.weight"].equal(sourceState["fc.weight"]).all().item<bool>().Should().BeFalse("the projection keeps its own initialisation");
    }

    [Fact]
    public void ResNet18_rejects_a_state_dict_of_another_network()
    {
        var lenet = new NetworkSpec(DeepSvddNetwork.LeNet, [3, 32, 32], 8, UseBias: true, []);
        using var other = lenet.Build(new Generator(1));
        string path = Path.Combine(directory, "lenet.pt");
        other.Backbone.save_py(path);
        var spec = new NetworkSpec(DeepSvddNetwork.ResNet18, [3, 32, 32], 8, UseBias: true, []);
        using var target = spec.Build(new Generator(2));
        var act = () => PretrainedWeights.Apply(target, path);
        act.Should().Throw<InvalidDataException>().WithMessage("PretrainedWeightsPath*lenet.pt*");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void UseBias_removes_BatchNorm_shifts_and_UseMaxPool_changes_the_resolution(bool bias, bool maxPool)
    {
        var spec = new NetworkSpec(DeepSvddNetwork.ResNet18, [3, 32, 32], 8, bias, [], UseMaxPool: maxPool);
        using var network = spec.Build(new Generator(1));
        var names = network.named_parameters().Select(p => p.name).ToList();
        names.Any(n => n.EndsWith("bias")).Should().Be(bias);
        names.Where(n => n.Contains("bn") && n.EndsWith("weight")).Should().NotBeEmpty("BatchNorm keeps its scale either way");
        network.eval();
        using var x = randn(2, 3 * 32 * 32);
        using var y = network.forward(x);
        y.shape.Should().Equal([2L, 8L]);
        // Without bias and with zero input every layer outputs zero: no constant can be added anywhere.
        if (!bias)
        {
            using var zero = zeros(2, 3 * 32 * 32);
            using var noGrad = no_grad();
            using var z = network.Backbone.forward(zero.view(2, 3, 32, 32));
            z.abs().max().item<float>().Should().Be(0f);
        }
    }
}
