using MLNet.DeepSvdd.Runtime;
using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// Re-initialises a module's weights from an explicit random generator, so that a seed gives the same network on every run and
/// every thread (TorchSharp's built-in initialisers draw from the process-wide generator). The distributions are PyTorch's defaults:
/// linear and convolution weights and biases ~ U(−1/√fan_in, 1/√fan_in) (kaiming-uniform with a = √5), BatchNorm weight 1, bias 0.
/// </summary>
internal static class Initialization
{
    public static void Apply(nn.Module module, Generator generator)
    {
        using var noGrad = torch.no_grad();
        // named_modules() lists the descendants only, so the module itself comes first.
        foreach (var child in module.named_modules().Select(m => m.module).Prepend(module))
        {
            switch (child)
            {
                case Linear linear:
                    Uniform(linear.weight!, linear.in_features, generator);
                    if (linear.bias is not null) Uniform(linear.bias, linear.in_features, generator);
                    break;
                case Conv2d conv:
                    long fanIn = conv.weight!.shape[1] * conv.weight.shape[2] * conv.weight.shape[3];
                    Uniform(conv.weight, fanIn, generator);
                    if (conv.bias is not null) Uniform(conv.bias, fanIn, generator);
                    break;
            }
        }
    }

    private static void Uniform(Tensor parameter, long fanIn, Generator generator)
    {
        // torch.nn.init.uniform_ ignores its generator argument in TorchSharp 0.107, so draw with torch.rand and copy.
        double bound = 1.0 / Math.Sqrt(fanIn);
        using var draw = torch.rand(parameter.shape, ScalarType.Float32, generator: generator);
        parameter.copy_(draw.MultiplyInPlace(2 * bound).SubtractInPlace(bound));
    }
}
