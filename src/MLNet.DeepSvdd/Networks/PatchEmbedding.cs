using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// ψ: the patch-level representation of a ResNet (<see cref="DeepSvddRepresentation.Patches"/>). layer2's feature map (stride 8: 16×16
/// positions for a 128 px image) is averaged over 3×3 neighbourhoods (stride 1, so every position also sees its neighbours, as PatchCore's
/// local aggregation) and a square 1×1 convolution projects every position to a point of <see cref="Channels"/> dimensions. A 1×1
/// convolution is one linear map applied at every position alike, so one centre serves all of them. Before training, the projection is set to
/// the whitening of the training patches (<see cref="SetWhitening"/>), so that at epoch 0 a patch's squared distance to the centre is its
/// Mahalanobis distance to the mean training patch (PaDiM's estimator, with one covariance shared by all positions); training then moves it
/// with the Deep SVDD objective. With <c>bias = false</c> the projection has no bias, as every layer of the bias-free Deep SVDD.
/// </summary>
internal sealed class PatchEmbedding : nn.Module<Tensor, Tensor>
{
    /// <summary>Channels of ResNet-18's layer2 output, the dimension of every patch point.</summary>
    public const int Channels = 128;

    private readonly Conv2d projection;

    public PatchEmbedding(bool bias) : base(nameof(PatchEmbedding))
    {
        projection = nn.Conv2d(Channels, Channels, kernel_size: 1, bias: bias);
        RegisterComponents();
    }

    /// <summary>The patch features before the projection: layer2's output [N, 128, h, w] averaged over 3×3 neighbourhoods.</summary>
    public static Tensor Embed(Tensor layer2) => nn.functional.avg_pool2d(layer2, kernel_size: 3, stride: 1, padding: 1);

    /// <summary>The map [N, 128, h, w] from layer2's output [N, 128, h, w].</summary>
    public override Tensor forward(Tensor layer2)
    {
        using var scope = NewDisposeScope();
        return projection.forward(Embed(layer2)).MoveToOuterDisposeScope();
    }

    /// <summary>Sets the projection to <paramref name="whitening"/> ([128, 128], applied as W·e) and its bias (if any) to 0.</summary>
    public void SetWhitening(Tensor whitening)
    {
        using var noGrad = no_grad();
        projection.weight!.copy_(whitening.reshape(Channels, Channels, 1, 1));
        projection.bias?.zero_();
    }
}
