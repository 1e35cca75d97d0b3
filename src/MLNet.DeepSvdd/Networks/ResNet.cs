using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// A ResNet with basic blocks in torchvision's layout and parameter names (<c>conv1</c>, <c>bn1</c>, <c>layerS.B.convN</c>,
/// <c>layerS.B.bnN</c>, <c>layerS.0.downsample.{0,1}</c>), so torchvision state dicts load into it. ResNet-18 has {2, 2, 2, 2} blocks;
/// the ImageNet ResNet-18 that ML.NET ships has {2, 2, 2, 3}. The stem is a 7×7 stride-2 convolution, BatchNorm, ReLU and (optionally)
/// a 3×3 stride-2 max-pool; the head is global average pooling and a linear projection from 512 to the representation.
/// Convolutions have no bias (as in torchvision); with <c>bias = false</c> BatchNorm keeps its scale but loses its shift and the
/// projection has no bias, so no layer can add a constant.
/// </summary>
internal sealed class ResNet : nn.Module<Tensor, Tensor>, IStagedBackbone
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1, layer2, layer3, layer4;
    private readonly Linear fc;
    private readonly bool useMaxPool;

    public ResNet(int channels, IReadOnlyList<int> blocks, long representationDimension, bool bias, bool useMaxPool) : base(nameof(ResNet))
    {
        if (blocks.Count != 4) throw new ArgumentException("A ResNet has four stages.", nameof(blocks));
        this.useMaxPool = useMaxPool;
        conv1 = nn.Conv2d(channels, 64, kernel_size: 7, stride: 2, padding: 3, bias: false);
        bn1 = Norm(64, bias);
        layer1 = Stage(64, 64, blocks[0], stride: 1, bias);
        layer2 = Stage(64, 128, blocks[1], stride: 2, bias);
        layer3 = Stage(128, 256, blocks[2], stride: 2, bias);
        layer4 = Stage(256, 512, blocks[3], stride: 2, bias);
        fc = nn.Linear(512, representationDimension, hasBias: bias);
        RegisterComponents();
    }

    /// <summary>Five stages: the stem (convolution, BatchNorm, ReLU, max-pool) and layer1…layer4.</summary>
    public int StageCount => 5;

    /// <summary>The 512-dimensional pooled features before the projection (what ML.NET's ResNet18.onnx outputs).</summary>
    public Tensor Features(Tensor input)
    {
        using var scope = NewDisposeScope();
        return Pool(ForwardStages(input, 0, StageCount)).MoveToOuterDisposeScope();
    }

    /// <summary>Runs stages <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive); 0 is the stem, 1–4 are layer1–layer4.</summary>
    public Tensor ForwardStages(Tensor input, int from, int to)
    {
        using var scope = NewDisposeScope();
        var x = input;
        for (int stage = from; stage < to; stage++)
        {
            x = stage switch
            {
                0 => Stem(x),
                1 => layer1.forward(x),
                2 => layer2.forward(x),
                3 => layer3.forward(x),
                4 => layer4.forward(x),
                _ => throw new ArgumentOutOfRangeException(nameof(to), to, "A ResNet has stages 0 (stem) to 4 (layer4)."),
            };
        }
        return (ReferenceEquals(x, input) ? x.alias() : x).MoveToOuterDisposeScope();
    }

    /// <summary>Global average pooling and the projection to the representation.</summary>
    public Tensor Head(Tensor stageOutput)
    {
        using var scope = NewDisposeScope();
        return fc.forward(Pool(stageOutput)).MoveToOuterDisposeScope();
    }

    /// <summary>The modules of one stage (for freezing).</summary>
    public IEnumerable<nn.Module> StageModules(int stage) => stage switch
    {
        0 => [conv1, bn1],
        1 => [layer1],
        2 => [layer2],
        3 => [layer3],
        4 => [layer4],
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "A ResNet has stages 0 (stem) to 4 (layer4)."),
    };

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return Head(ForwardStages(input, 0, StageCount)).MoveToOuterDisposeScope();
    }

    private Tensor Stem(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(bn1.forward(conv1.forward(input)));
        if (useMaxPool) x = nn.functional.max_pool2d(x, kernel_size: 3, stride: 2, padding: 1);
        return x.MoveToOuterDisposeScope();
    }

    private static Tensor Pool(Tensor x) => nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);

    internal static BatchNorm2d Norm(long features, bool bias)
    {
        var bn = nn.BatchNorm2d(features, eps: 1e-5);
        if (!bias) bn.bias = null;
        return bn;
    }

    private static Sequential Stage(long inChannels, long outChannels, int count, long stride, bool bias)
    {
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int i = 0; i < count; i++)
            blocks.Add(($"{i}", new BasicBlock(i == 0 ? inChannels : outChannels, outChannels, i == 0 ? stride : 1, bias)));
        return nn.Sequential(blocks);
    }

    /// <summary>Two 3×3 convolutions with BatchNorm and a residual connection (1×1 convolution + BatchNorm when the shape changes).</summary>
    private sealed class BasicBlock : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1, conv2;
        private readonly BatchNorm2d bn1, bn2;
        private readonly Sequential? downsample;

        public BasicBlock(long inChannels, long outChannels, long stride, bool bias) : base(nameof(BasicBlock))
        {
            conv1 = nn.Conv2d(inChannels, outChannels, kernel_size: 3, stride: stride, padding: 1, bias: false);
            bn1 = Norm(outChannels, bias);
            conv2 = nn.Conv2d(outChannels, outChannels, kernel_size: 3, stride: 1, padding: 1, bias: false);
            bn2 = Norm(outChannels, bias);
            if (stride != 1 || inChannels != outChannels)
            {
                downsample = nn.Sequential(
                    ("0", nn.Conv2d(inChannels, outChannels, kernel_size: 1, stride: stride, bias: false)),
                    ("1", Norm(outChannels, bias)));
            }
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var x = nn.functional.relu(bn1.forward(conv1.forward(input)));
            x = bn2.forward(conv2.forward(x));
            var identity = downsample is null ? input : Downsample(downsample, input);
            return nn.functional.relu(x.add_(identity)).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// The 1×1 stride-2 convolution and BatchNorm of the shortcut; the convolution through <see cref="PointwiseConvolution"/>
        /// (subsampling and a matrix product), because oneDNN's AVX-512 kernel for layer 4's 1×1 convolution in channels-last is wrong
        /// in libtorch 2.10.
        /// </summary>
        private static Tensor Downsample(Sequential downsample, Tensor input)
        {
            using var scope = NewDisposeScope();
            var conv = (Conv2d)downsample[0];
            var norm = (BatchNorm2d)downsample[1];
            return norm.forward(PointwiseConvolution.Forward(conv, input)).MoveToOuterDisposeScope();
        }
    }
}
