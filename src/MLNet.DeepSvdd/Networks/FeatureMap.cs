using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// φ: the whole map from a flat input row to its representation. It reshapes the flat rows of width D to the network's input shape
/// ([D] or [C, H, W]), reverses the channel order when the backbone expects BGR, applies the input normalisation (statistics held as
/// buffers, so they are saved with the weights), lays images out channels-last (<see cref="ChannelsLast"/>: the same values, faster
/// convolutions) and runs the backbone network.
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

    /// <summary>Sets the input statistics (mean and standard deviation, each of the statistics shape) used before the backbone.</summary>
    public void SetInputStatistics(Tensor mean, Tensor std)
    {
        using var noGrad = torch.no_grad();
        input_mean.copy_(mean.reshape(input_mean.shape));
        input_std.copy_(std.reshape(input_std.shape));
    }

    public override Tensor forward(Tensor flat)
    {
        using var scope = NewDisposeScope();
        var x = flat.view(batchShape);
        if (Spec.BgrInput) x = x.flip(1);
        x = ChannelsLast.Apply(x.sub(input_mean).div(input_std));
        return backbone.forward(x).MoveToOuterDisposeScope();
    }
}
