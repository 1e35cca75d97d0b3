using MLNet.DeepSvdd.Runtime;
using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// A ResNet with basic blocks in torchvision's layout and parameter names (<c>conv1</c>, <c>bn1</c>, <c>layerS.B.convN</c>,
/// <c>layerS.B.bnN</c>, <c>layerS.0.downsample.{0,1}</c>), so torchvision state dicts load into it. ResNet-18 has {2, 2, 2, 2} blocks;
/// the ImageNet ResNet-18 that ML.NET ships has {2, 2, 2, 3}. The stem is a 7×7 stride-2 convolution, BatchNorm, ReLU and (optionally)
/// a 3×3 stride-2 max-pool; the head is global average pooling and a linear projection from 512 to the representation.
/// Convolutions have no bias (as in torchvision); with <c>bias = false</c> BatchNorm keeps its scale but loses its shift and the
/// projection has no bias, so no layer can add a constant.
/// With a patch branch (<see cref="DeepSvddRepresentation.Patches"/>, <see cref="DeepSvddRepresentation.PooledAndPatches"/>) the output row also
/// carries the patch map of <see cref="PatchEmbedding"/> (module <c>patch</c>) over the output of stage <see cref="PatchStage"/> (layer1 for
/// new models, <see cref="DefaultPatchStage"/>; layer2 in models saved before 2026-12-07), laid out as <see cref="Layout"/> says; without the
/// pooled branch the stages after it and <c>fc</c> are kept (so pretrained weights load) but not run.
/// </summary>
internal sealed class ResNet : nn.Module<Tensor, Tensor>, IStagedBackbone
{
    private readonly Conv2d conv1;
    private readonly BatchNormLayer bn1;
    private readonly Sequential layer1, layer2, layer3, layer4;
    private readonly Linear fc;
    private readonly PatchEmbedding? patch;
    private readonly bool useMaxPool;
    private readonly long[][] stageShapes;

    /// <summary>
    /// The stage whose output the patch branch scores in new models: 1, layer1 (stride 4: a 32×32 map for a 128 px image). Chosen by
    /// measurement against layer2 (stride 8) and layer1 and layer2 together (seed 3, not reported as evidence; frozen features, Mahalanobis
    /// distances): layer1 found strokes, block permutation and CutPaste better as images (0.971 / 0.678 / 0.616 against layer2's 0.963 /
    /// 0.622 / 0.548) and placed strokes better (pixel ROC AUC 0.914 against 0.863).
    /// </summary>
    public const int DefaultPatchStage = 1;

    /// <summary>A ResNet whose output is the pooled point only.</summary>
    public ResNet(int channels, IReadOnlyList<int> blocks, long representationDimension, bool bias, bool useMaxPool)
        : this(channels, blocks, representationDimension, bias, useMaxPool, DeepSvddRepresentation.Pooled, (0, 0), DefaultPatchStage)
    {
    }

    /// <summary>
    /// A ResNet with the branches of <paramref name="representation"/> (resolved: not Auto) for images of <paramref name="imageSize"/> as the
    /// backbone sees them (needed for the patch map's size; (0, 0) for <see cref="DeepSvddRepresentation.Pooled"/>), the patch branch scoring
    /// the output of stage <paramref name="patchStage"/> (1 = layer1 or 2 = layer2).
    /// </summary>
    public ResNet(int channels, IReadOnlyList<int> blocks, long representationDimension, bool bias, bool useMaxPool,
        DeepSvddRepresentation representation, (int Height, int Width) imageSize, int patchStage) : base(nameof(ResNet))
    {
        if (patchStage is < 1 or > 2) throw new ArgumentOutOfRangeException(nameof(patchStage), patchStage, "The patch branch scores layer1 (1) or layer2 (2).");
        PatchStage = patchStage;
        if (blocks.Count != 4) throw new ArgumentException("A ResNet has four stages.", nameof(blocks));
        if (representation == DeepSvddRepresentation.Auto) throw new ArgumentException("The representation must be resolved.", nameof(representation));
        this.useMaxPool = useMaxPool;
        stageShapes = StageShapes(imageSize, useMaxPool);
        bool patches = representation is DeepSvddRepresentation.Patches or DeepSvddRepresentation.PooledAndPatches;
        if (patches && (imageSize.Height < 1 || imageSize.Width < 1))
            throw new ArgumentException("A patch branch needs the image size.", nameof(imageSize));
        var patchShape = stageShapes[patchStage];
        Layout = new RepresentationLayout(representation != DeepSvddRepresentation.Patches ? (int)representationDimension : 0,
            patches ? (int)patchShape[0] : 0, patches ? (int)patchShape[1] : 0, patches ? (int)patchShape[2] : 0);
        conv1 = nn.Conv2d(channels, 64, kernel_size: 7, stride: 2, padding: 3, bias: false);
        bn1 = Norm(64, bias);
        layer1 = Stage(64, 64, blocks[0], stride: 1, bias);
        layer2 = Stage(64, 128, blocks[1], stride: 2, bias);
        layer3 = Stage(128, 256, blocks[2], stride: 2, bias);
        layer4 = Stage(256, 512, blocks[3], stride: 2, bias);
        fc = nn.Linear(512, representationDimension, hasBias: bias);
        if (patches) patch = new PatchEmbedding((int)patchShape[0], bias);
        RegisterComponents();
        if (!Layout.HasPooled)
        {
            // Patches only: the stages after the patch stage and fc never run, so they take no part in training (no gradient, no weight
            // decay, no Adam state).
            foreach (var module in new nn.Module[] { layer2, layer3, layer4, fc }.Skip(patchStage - 1))
            {
                foreach (var p in module.parameters()) p.requires_grad = false;
            }
        }
    }

    /// <summary>How the output row is laid out.</summary>
    public RepresentationLayout Layout { get; }

    /// <summary>The stage whose output the patch branch scores: 1 (layer1) or 2 (layer2).</summary>
    public int PatchStage { get; }

    /// <summary>Stages run to reach the patch stage's output (the stem counts as stage 0).</summary>
    private int PatchEnd => PatchStage + 1;

    /// <summary>
    /// The [C, H, W] output shape of every stage (0 stem … 4 layer4) for images of <paramref name="imageSize"/>: each stride-2 layer
    /// (the stem's convolution and max-pool, the first block of layer2…layer4) maps a side s to ⌈s / 2⌉.
    /// </summary>
    public static long[][] StageShapes((int Height, int Width) imageSize, bool useMaxPool)
    {
        static long Half(long s) => (s + 1) / 2;
        long h = Half(imageSize.Height), w = Half(imageSize.Width);
        if (useMaxPool) { h = Half(h); w = Half(w); }
        var shapes = new long[5][];
        shapes[0] = [64, h, w];
        shapes[1] = [64, h, w];
        long[] channels = [128, 256, 512];
        for (int stage = 2; stage <= 4; stage++)
        {
            h = Half(h); w = Half(w);
            shapes[stage] = [channels[stage - 2], h, w];
        }
        return shapes;
    }

    /// <summary>The patch projection, or null without a patch branch.</summary>
    public PatchEmbedding? Patch => patch;

    /// <summary>
    /// The input stage's output run through the first <paramref name="stages"/> stages. With both branches and a stage after the patch stage
    /// among them the row packs the patch stage's output with the last stage's (<see cref="StagePacking"/>), since the patch map needs it;
    /// with patches only, no stage after the patch stage runs.
    /// </summary>
    public Tensor Leading(Tensor input, int stages)
    {
        if (patch is null) return ForwardStages(input, 0, stages);
        if (!Layout.HasPooled) return ForwardStages(input, 0, Math.Min(stages, PatchEnd));
        if (stages <= PatchEnd) return ForwardStages(input, 0, stages);
        using var scope = NewDisposeScope();
        var patchInput = ForwardStages(input, 0, PatchEnd);
        return StagePacking.Pack([patchInput, ForwardStages(patchInput, PatchEnd, stages)]).MoveToOuterDisposeScope();
    }

    /// <summary>The output rows (<see cref="Layout"/>) from <see cref="Leading"/>'s output for the same <paramref name="stages"/>.</summary>
    public Tensor Trailing(Tensor leading, int stages)
    {
        using var scope = NewDisposeScope();
        Tensor? patchInput = null;
        Tensor x;
        if (patch is not null && Layout.HasPooled && stages > PatchEnd)
        {
            var maps = StagePacking.Unpack(leading, [stageShapes[PatchStage], stageShapes[stages - 1]]);
            patchInput = maps[0];
            x = maps[1];
        }
        else
        {
            x = ChannelsLast.Apply(leading);
            if (patch is not null && stages >= PatchEnd) patchInput = x;
        }
        int last = Layout.HasPooled ? StageCount : PatchEnd;
        for (int stage = stages; stage < last; stage++)
        {
            x = ForwardStages(x, stage, stage + 1);
            if (stage == PatchStage) patchInput = x;
        }
        var parts = new List<Tensor>(2);
        if (Layout.HasPooled) parts.Add(fc.forward(Pool(x)));
        if (patch is not null) parts.Add(patch.forward(patchInput!).reshape(x.shape[0], -1));
        return (parts.Count == 1 ? parts[0] : cat(parts, 1)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The patch features before the projection (<see cref="PatchEmbedding.Embed"/>), [N, C, h, w], from <see cref="Leading"/>'s output for
    /// the same <paramref name="stages"/>.
    /// </summary>
    public Tensor PatchFeatures(Tensor leading, int stages)
    {
        if (patch is null) throw new InvalidOperationException("The network has no patch branch.");
        using var scope = NewDisposeScope();
        Tensor patchInput;
        if (Layout.HasPooled && stages > PatchEnd) patchInput = StagePacking.Unpack(leading, [stageShapes[PatchStage], stageShapes[stages - 1]])[0];
        else if (stages >= PatchEnd) patchInput = ChannelsLast.Apply(leading);
        else patchInput = ForwardStages(ChannelsLast.Apply(leading), stages, PatchEnd);
        return PatchEmbedding.Embed(patchInput).MoveToOuterDisposeScope();
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
        return (patch is null ? Head(ForwardStages(input, 0, StageCount)) : Trailing(input, 0)).MoveToOuterDisposeScope();
    }

    private Tensor Stem(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(bn1.forward(conv1.forward(input)));
        if (useMaxPool) x = nn.functional.max_pool2d(x, kernel_size: 3, stride: 2, padding: 1);
        return x.MoveToOuterDisposeScope();
    }

    private static Tensor Pool(Tensor x) => nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);

    internal static BatchNormLayer Norm(long features, bool bias)
    {
        var bn = new BatchNormLayer(features, inputDimensions: 4, eps: 1e-5);
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
        private readonly BatchNormLayer bn1, bn2;
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
            return nn.functional.relu(x.AddInPlace(identity)).MoveToOuterDisposeScope();
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
            var norm = (BatchNormLayer)downsample[1];
            return norm.forward(PointwiseConvolution.Forward(conv, input)).MoveToOuterDisposeScope();
        }
    }
}
