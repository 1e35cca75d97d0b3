using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// Multilayer perceptron for plain feature vectors: [Linear → BatchNorm1d → LeakyReLU(0.01)] per hidden layer, then a linear layer to the
/// representation. With <c>bias = false</c> no layer has a bias and BatchNorm has no affine parameters (the Deep SVDD constraint).
/// </summary>
internal sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public Mlp(long inputSize, IReadOnlyList<int> hidden, long representationDimension, bool bias) : base(nameof(Mlp))
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        long width = inputSize;
        for (int i = 0; i < hidden.Count; i++)
        {
            modules.Add(($"linear{i}", nn.Linear(width, hidden[i], hasBias: bias)));
            modules.Add(($"bn{i}", new BatchNormLayer(hidden[i], inputDimensions: 2, eps: 1e-4, affine: bias)));
            modules.Add(($"act{i}", new LeakyRelu(0.01)));
            width = hidden[i];
        }
        modules.Add(("out", nn.Linear(width, representationDimension, hasBias: bias)));
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => layers.forward(input);
}
