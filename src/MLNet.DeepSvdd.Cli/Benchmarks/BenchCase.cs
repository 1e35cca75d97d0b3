namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>One benchmark configuration: a network, a regularizer and an image size, always with biases (the paper's "w/ bias").</summary>
public sealed record BenchCase(DeepSvddNetwork Network, CollapseRegularizer Regularizer, int Size)
{
    public string Name => $"{Network} {Size}px {Regularizer}";

    /// <summary>The reference script's --net value, or null when it has no equivalent network (it cannot load pretrained weights).</summary>
    public string? PeerNetwork => Network switch
    {
        DeepSvddNetwork.LeNet => "lenet",
        DeepSvddNetwork.ResNet18 => "resnet18",
        _ => null,
    };

    public string PeerRegularizer => Regularizer switch
    {
        CollapseRegularizer.NoiseInjection => "noise",
        CollapseRegularizer.VarianceHinge => "variance",
        _ => "none",
    };
}
