namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// φ: the whole map from a flat input row to its representation. Its input stage (<see cref="Prepare"/>) reshapes the flat rows of width
/// D to the network's input shape ([D] or [C, H, W]), reverses the channel order when the backbone expects BGR, applies the input
/// normalisation (statistics held as buffers, so they are saved with the weights), resizes images to the network's resolution
/// (<see cref="ImageResize"/>, when <see cref="NetworkSpec.Resolution"/> is set) and lays them out channels-last (<see cref="ChannelsLast"/>: the same
/// values, faster convolutions); then the backbone runs. For a staged backbone the map splits into a leading part
/// (<see cref="ForwardLeading"/>) and the rest (<see cref="ForwardTrailing"/>), so frozen stages can be computed once.
/// </summary>
internal sealed class FeatureMap : nn.Module<Tensor, Tensor>
{
    private readonly long[] batchShape;
    private readonly nn.Module<Tensor, Tensor> backbone;
    private readonly Tensor input_mean;
    private readonly Tensor input_std;

    public FeatureMap(NetworkSpec spec, nn.Module<Tensor, Tensor> backbone) : base(nameof(FeatureMap))
    {
        Spec = spec;
        batchShape = [-1, .. spec.InputShape.Select(d => (long)d)];
        this.backbone = backbone;
        long[] statShape = spec.InputShape.Length == 3 ? [1, spec.InputShape[0], 1, 1] : [1, spec.InputShape[0]];
        input_mean = torch.zeros(statShape);
        input_std = torch.ones(statShape);
        RegisterComponents();
    }

    public NetworkSpec Spec { get; }

    /// <summary>The network after the input normalisation.</summary>
    public nn.Module<Tensor, Tensor> Backbone => backbone;

    /// <summary>The backbone as stages, or null when it cannot be split (MLP, LeNet).</summary>
    public IStagedBackbone? Staged => backbone as IStagedBackbone;

    /// <summary>Sets the input statistics (mean and standard deviation, each of the statistics shape) used before the backbone.</summary>
    public void SetInputStatistics(Tensor mean, Tensor std)
    {
        using var noGrad = torch.no_grad();
        input_mean.copy_(mean.reshape(input_mean.shape));
        input_std.copy_(std.reshape(input_std.shape));
    }

    /// <summary>The input stage: flat rows to the tensor the backbone takes (reshaped, channel order, normalised, resized, channels-last).</summary>
    public Tensor Prepare(Tensor flat)
    {
        using var scope = NewDisposeScope();
        var x = flat.view(batchShape);
        if (Spec.BgrInput) x = x.flip(1);
        x = x.sub(input_mean).div(input_std);
        return ChannelsLast.Apply(ImageResize.Apply(x, Spec.Resolution)).MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor flat)
    {
        using var scope = NewDisposeScope();
        return backbone.forward(Prepare(flat)).MoveToOuterDisposeScope();
    }

    /// <summary>The input stage and the first <paramref name="stages"/> stages of a staged backbone.</summary>
    public Tensor ForwardLeading(Tensor flat, int stages)
    {
        using var scope = NewDisposeScope();
        var x = Prepare(flat);
        if (stages > 0) x = StagedOrThrow.Leading(x, stages);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>The stages after the first <paramref name="stages"/> and the head, from the output of <see cref="ForwardLeading"/>.</summary>
    public Tensor ForwardTrailing(Tensor leading, int stages)
    {
        using var scope = NewDisposeScope();
        return StagedOrThrow.Trailing(leading, stages).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The patch features before the patch projection (<see cref="ResNet.PatchFeatures"/>) from <see cref="ForwardLeading"/>'s output for the
    /// same <paramref name="stages"/> (0: flat input rows, which the input stage prepares first).
    /// </summary>
    public Tensor PatchFeatures(Tensor leading, int stages)
    {
        using var scope = NewDisposeScope();
        var resnet = backbone as ResNet ?? throw new InvalidOperationException($"The {Spec.Kind} backbone has no patch branch.");
        return resnet.PatchFeatures(stages == 0 ? Prepare(leading) : leading, stages).MoveToOuterDisposeScope();
    }

    private IStagedBackbone StagedOrThrow => Staged ?? throw new InvalidOperationException($"The {Spec.Kind} backbone has no stages to split.");
}
