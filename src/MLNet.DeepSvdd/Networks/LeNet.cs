using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// The CIFAR-10 LeNet-type network of Deep SVDD (Ruff et al. 2018): three blocks of 5×5 convolution (32, 64, 128 channels, padding 2),
/// BatchNorm (eps 1e-4), LeakyReLU(0.01) and 2×2 max-pooling, then a linear layer from 128·(H/8)·(W/8) to the representation.
/// With <c>bias = false</c> no convolution or linear layer has a bias and BatchNorm has no affine parameters.
/// </summary>
internal sealed class LeNet : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear fc;

    public LeNet(int channels, int height, int width, long representationDimension, bool bias) : base(nameof(LeNet))
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        long cin = channels;
        int block = 0;
        foreach (long cout in new long[] { 32, 64, 128 })
        {
            modules.Add(($"conv{block}", nn.Conv2d(cin, cout, kernel_size: 5, padding: 2, bias: bias)));
            modules.Add(($"bn{block}", new BatchNormLayer(cout, inputDimensions: 4, eps: 1e-4, affine: bias)));
            modules.Add(($"act{block}", new LeakyRelu(0.01)));
            modules.Add(($"pool{block}", nn.MaxPool2d(2)));
            cin = cout;
            block++;
        }
        features = nn.Sequential(modules);
        fc = nn.Linear(128L * (height / 8) * (width / 8), representationDimension, hasBias: bias);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return fc.forward(features.forward(input).flatten(1)).MoveToOuterDisposeScope();
    }
}
