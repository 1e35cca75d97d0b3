using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using MLNet.DeepSvdd.Runtime;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Runtime;

public class OneDnnIsaCapTests
{
    [Fact]
    public void On_an_AVX512_CPU_the_cap_reaches_the_native_environment_unless_the_user_chose_a_value()
    {
        RuntimeHelpers.RunModuleConstructor(typeof(DeepSvddTrainer).Module.ModuleHandle);
        string? native = OneDnnIsaCap.NativeValue(OneDnnIsaCap.Variable);
        if (!Avx512F.IsSupported)
        {
            OneDnnIsaCap.Applied.Should().BeFalse("only AVX-512 CPUs are capped");
            return;
        }

        native.Should().NotBeNullOrEmpty("oneDNN must see either the user's value or the cap");
        if (OneDnnIsaCap.Applied)
        {
            native.Should().Be(OneDnnIsaCap.Cap);
            Environment.GetEnvironmentVariable(OneDnnIsaCap.Variable).Should().Be(OneDnnIsaCap.Cap);
        }
        OneDnnIsaCap.Warning.Should().BeNull();
    }

    [Theory]
    [InlineData(3, 64, 7, 2, 3, 32)]
    [InlineData(64, 64, 3, 1, 1, 8)]
    [InlineData(64, 128, 3, 2, 1, 8)]
    [InlineData(64, 128, 1, 2, 0, 8)]
    [InlineData(128, 128, 3, 1, 1, 4)]
    [InlineData(3, 64, 7, 2, 3, 64)]
    [InlineData(64, 64, 3, 1, 1, 16)]
    [InlineData(128, 256, 3, 2, 1, 8)]
    [InlineData(256, 512, 1, 2, 0, 4)]
    [InlineData(512, 512, 3, 1, 1, 2)]
    public void A_convolution_through_libtorch_matches_the_direct_sum_in_double_precision(int inChannels, int outChannels, int k, int stride, int pad, int side)
    {
        // ResNet-18's convolution shapes (stem, 3×3, strided 3×3, the 1×1 stride-2 downsamples; layer 4's downsample in channels-last
        // was off by 0.73 with the AVX-512 kernels on this project's machine), checked against the definition:
        // out[n, o, y, x] = b[o] + Σ_c Σ_i Σ_j w[o, c, i, j] · in[n, c, y + i − 1, x + j − 1] (zero padding 1, stride 1).
        RuntimeHelpers.RunModuleConstructor(typeof(DeepSvddTrainer).Module.ModuleHandle);
        const int batch = 2;
        int outSide = (side + 2 * pad - k) / stride + 1;
        var random = new Random(11);
        float[] input = Enumerable.Range(0, batch * inChannels * side * side).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] weight = Enumerable.Range(0, outChannels * inChannels * k * k).Select(_ => (float)(random.NextDouble() * 0.2 - 0.1)).ToArray();
        float[] bias = Enumerable.Range(0, outChannels).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

        using var scope = NewDisposeScope();
        var x = tensor(input).reshape(batch, inChannels, side, side);
        var w = tensor(weight).reshape(outChannels, inChannels, k, k);
        var b = tensor(bias);
        float[] ours = nn.functional.conv2d(x, w, b, strides: [stride, stride], padding: [pad, pad]).contiguous().data<float>().ToArray();
        float[] oursChannelsLast = nn.functional.conv2d(MLNet.DeepSvdd.Networks.ChannelsLast.Apply(x), w, b, strides: [stride, stride], padding: [pad, pad])
            .contiguous().data<float>().ToArray();

        double maxError = 0, maxErrorChannelsLast = 0;
        for (int n = 0; n < batch; n++)
        for (int o = 0; o < outChannels; o++)
        for (int y = 0; y < outSide; y++)
        for (int xx = 0; xx < outSide; xx++)
        {
            double sum = bias[o];
            for (int c = 0; c < inChannels; c++)
            for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                int yy = y * stride + i - pad, xj = xx * stride + j - pad;
                if (yy >= 0 && yy < side && xj >= 0 && xj < side)
                {
                    sum += (double)weight[((o * inChannels + c) * k + i) * k + j] * input[((n * inChannels + c) * side + yy) * side + xj];
                }
            }

            int index = ((n * outChannels + o) * outSide + y) * outSide + xx;
            maxError = Math.Max(maxError, Math.Abs(ours[index] - sum));
            maxErrorChannelsLast = Math.Max(maxErrorChannelsLast, Math.Abs(oursChannelsLast[index] - sum));
        }

        maxError.Should().BeLessThan(1e-4, $"NCHW: max |libtorch − direct sum| = {maxError:G3}");
        maxErrorChannelsLast.Should().BeLessThan(1e-4, $"channels-last: max |libtorch − direct sum| = {maxErrorChannelsLast:G3}");
    }
}
