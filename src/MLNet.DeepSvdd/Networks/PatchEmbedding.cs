using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// ψ: the patch-level representation of a ResNet (<see cref="DeepSvddRepresentation.Patches"/>). The feature map of the patch stage (layer1,
/// stride 4: 32×32 positions of 64 channels for a 128 px image; layer2, stride 8, in models saved before 2026-12-07) is averaged over 3×3 neighbourhoods (stride 1, so every position also sees its neighbours, as PatchCore's
/// local aggregation) and a square 1×1 convolution projects every position to a point of <see cref="Channels"/> dimensions (the stage's channels). A 1×1
/// convolution is one linear map applied at every position alike, so one centre serves all of them. Before training, the projection is set to
/// the whitening of the training patches (<see cref="SetWhitening"/>), so that at epoch 0 a patch's squared distance to the centre is its
/// Mahalanobis distance to the mean training patch (PaDiM's estimator, with one covariance shared by all positions); training then moves it
/// with the Deep SVDD objective. With <c>bias = false</c> the projection has no bias, as every layer of the bias-free Deep SVDD.
/// </summary>
internal sealed class PatchEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d projection;

    /// <summary>A projection of <paramref name="channels"/> to <paramref name="channels"/> (64 for layer1, 128 for layer2 of ResNet-18).</summary>
    public PatchEmbedding(int channels, bool bias) : base(nameof(PatchEmbedding))
    {
        Channels = channels;
        projection = nn.Conv2d(channels, channels, kernel_size: 1, bias: bias);
        RegisterComponents();
    }

    /// <summary>The channels of the patch stage's output, the dimension of every patch point.</summary>
    public int Channels { get; }

    /// <summary>The patch features before the projection: the patch stage's output [N, C, h, w] averaged over 3×3 neighbourhoods.</summary>
    public static Tensor Embed(Tensor stageOutput) => nn.functional.avg_pool2d(stageOutput, kernel_size: 3, stride: 1, padding: 1);

    /// <summary>The map [N, C, h, w] from the patch stage's output [N, C, h, w].</summary>
    public override Tensor forward(Tensor stageOutput)
    {
        using var scope = NewDisposeScope();
        return projection.forward(Embed(stageOutput)).MoveToOuterDisposeScope();
    }

    /// <summary>Sets the projection to <paramref name="whitening"/> ([C, C], applied as W·e) and its bias (if any) to 0.</summary>
    public void SetWhitening(Tensor whitening)
    {
        using var noGrad = no_grad();
        projection.weight!.copy_(whitening.reshape(Channels, Channels, 1, 1));
        projection.bias?.zero_();
    }
}
