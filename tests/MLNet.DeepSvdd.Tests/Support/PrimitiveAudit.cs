using MLNet.DeepSvdd.Networks;
using MLNet.DeepSvdd.Runtime;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>
/// Every convolution, BatchNorm and pooling shape of ResNet-18 (at 32, 128 and 224 px with the stem's max-pool, and 32 px without it)
/// and LeNet (32 and 224 px), forward and backward, NCHW and channels-last, at the given batch sizes, checked in this process (the
/// caller chooses <c>ONEDNN_MAX_CPU_ISA</c>). Convolutions are checked against the direct sums (<see cref="ConvolutionCheck"/>, 1 024
/// sampled entries of each result) as the networks compute them ("network", <see cref="PointwiseConvolution.Convolve"/>) and,
/// for the strided 1×1 downsample, also as one strided convolution ("raw", the formulation oneDNN's AVX-512 kernel gets wrong);
/// BatchNorm (training and evaluation) and pooling against the same operation in double precision.
/// </summary>
internal static class PrimitiveAudit
{
    /// <summary>A result relative error above this is wrong.</summary>
    public const double Tolerance = 1e-3;

    /// <summary>The convolution shapes (batch 1) of ResNet-18 and LeNet at one input size, with the network and size they come from.</summary>
    public static IEnumerable<(string Where, ConvolutionCheck.Shape Shape)> Convolutions(int resolution, bool maxPool = true)
    {
        string where = $"resnet18 {resolution}px" + (maxPool ? "" : " no max-pool");
        int q = maxPool ? resolution / 4 : resolution / 2;
        yield return (where, new(3, 64, 7, 2, 3, resolution, 1));
        yield return (where, new(64, 64, 3, 1, 1, q, 1));
        int side = q;
        foreach (var (i, o) in new[] { (64, 128), (128, 256), (256, 512) })
        {
            yield return (where, new(i, o, 3, 2, 1, side, 1));
            yield return (where, new(o, o, 3, 1, 1, (side + 1) / 2, 1));
            yield return (where, new(i, o, 1, 2, 0, side, 1));
            side = (side + 1) / 2;
        }
    }

    /// <summary>LeNet's three 5×5 convolutions at one input size.</summary>
    public static IEnumerable<(string Where, ConvolutionCheck.Shape Shape)> LeNetConvolutions(int resolution)
    {
        string where = $"lenet {resolution}px";
        yield return (where, new(3, 32, 5, 1, 2, resolution, 1));
        yield return (where, new(32, 64, 5, 1, 2, resolution / 2, 1));
        yield return (where, new(64, 128, 5, 1, 2, resolution / 4, 1));
    }

    /// <summary>Runs the audit for ResNet-18 at <paramref name="resolutions"/> (LeNet at those of 32 and 224) and writes one line per case.</summary>
    public static void Run(int[] resolutions, int[] batches, TextWriter output)
    {
        using var gradients = enable_grad();
        var convolutions = resolutions.SelectMany(r => Convolutions(r))
            .Concat(resolutions.Contains(32) ? Convolutions(32, maxPool: false) : [])
            .Concat(resolutions.Where(r => r is 32 or 224).SelectMany(LeNetConvolutions))
            .Distinct().ToList();
        var norms = resolutions.SelectMany(r => new[] { (r / 2, 64), (r / 4, 64), (r / 8, 128), (r / 16, 256), (r / 32, 512) }
                .Select(s => ($"resnet18 {r}px", s.Item1, s.Item2, 1e-5)))
            .Concat(resolutions.Where(r => r is 32 or 224).SelectMany(r => new[] { (r, 32), (r / 2, 64), (r / 4, 128) }
                .Select(s => ($"lenet {r}px", s.Item1, s.Item2, 1e-4))))
            .ToList();

        foreach (int batch in batches)
        foreach (bool channelsLast in new[] { false, true })
        {
            string layout = channelsLast ? "NHWC" : "NCHW";
            foreach (var (where, shape) in convolutions)
            {
                var s = shape with { Batch = batch };
                var network = ConvolutionCheck.Measure(s, channelsLast, PointwiseConvolution.Convolve);
                Report(output, $"conv network {layout} {where} {s}", network.Max, network.ToString());
                if (s.Kernel == 1 && s.Stride > 1)
                {
                    var raw = ConvolutionCheck.Measure(s, channelsLast, (x, w, t, p) => nn.functional.conv2d(x, w, strides: [t, t], padding: [p, p]));
                    Report(output, $"conv raw {layout} {where} {s}", raw.Max, raw.ToString());
                }
            }

            foreach (var (where, side, channels, eps) in norms.Distinct())
            {
                foreach (bool training in new[] { true, false })
                {
                    double error = Compare(batch, channels, side, channelsLast, x =>
                    {
                        long c = x.shape[1];
                        var weight = linspace(0.5, 1.5, c, dtype: x.dtype).requires_grad_(true);
                        var bias = linspace(-0.2, 0.2, c, dtype: x.dtype).requires_grad_(true);
                        var mean = linspace(-0.1, 0.1, c, dtype: x.dtype);
                        var variance = linspace(0.5, 2.0, c, dtype: x.dtype);
                        return (nn.functional.batch_norm(x, mean, variance, weight, bias, training, 0.1, eps), [weight, bias]);
                    });
                    Report(output, $"batchnorm {(training ? "train" : "eval")} {layout} {where} {channels} channels at {side}×{side}, batch {batch}", error, $"{error:G2}");
                }
            }

            foreach (int r in resolutions)
            {
                double max = Compare(batch, 64, r / 2, channelsLast, x => (nn.functional.max_pool2d(x, 3, 2, 1), []));
                Report(output, $"maxpool 3×3 stride 2 pad 1 {layout} resnet18 {r}px 64 channels at {r / 2}×{r / 2}, batch {batch}", max, $"{max:G2}");
                int last = Math.Max(1, r / 32);
                double average = Compare(batch, 512, last, channelsLast, x => (nn.functional.adaptive_avg_pool2d(x, 1), []));
                Report(output, $"avgpool global {layout} resnet18 {r}px 512 channels at {last}×{last}, batch {batch}", average, $"{average:G2}");
            }
            foreach (int r in resolutions.Where(r => r is 32 or 224))
            foreach (var (side, channels) in new[] { (r, 32), (r / 2, 64), (r / 4, 128) })
            {
                double error = Compare(batch, channels, side, channelsLast, x => (nn.functional.max_pool2d(x, 2), []));
                Report(output, $"maxpool 2×2 {layout} lenet {r}px {channels} channels at {side}×{side}, batch {batch}", error, $"{error:G2}");
            }
        }
    }

    private static void Report(TextWriter output, string name, double error, string detail)
    {
        output.WriteLine($"{(error <= Tolerance ? "OK" : "BAD")} {name} | {detail}");
        output.Flush();
    }

    /// <summary>
    /// The largest relative error of an operation's output and of every gradient (input and the extra tensors it returns) in float32
    /// against the same operation in float64 on an NCHW copy.
    /// </summary>
    private static double Compare(int batch, int channels, int side, bool channelsLast, Func<Tensor, (Tensor Output, Tensor[] Parameters)> operation)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(17);
        var x64 = rand([batch, channels, side, side], dtype: float64, generator: generator) * 4 - 2;
        var x32 = x64.to(float32);
        x64 = x32.to(float64).detach().requires_grad_(true);
        if (channelsLast) x32 = x32.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        x32 = x32.detach().requires_grad_(true);

        var (y32, p32) = operation(x32);
        var (y64, p64) = operation(x64);
        var dy = rand(y64.shape, dtype: float64, generator: generator) - 0.5;
        var dy32 = dy.to(float32);
        if (channelsLast && dy32.dim() == 4) dy32 = dy32.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        y32.backward([dy32]);
        y64.backward([dy]);

        double worst = Relative(y32, y64);
        worst = Math.Max(worst, Relative(x32.grad!, x64.grad!));
        for (int i = 0; i < p32.Length; i++) worst = Math.Max(worst, Relative(p32[i].grad!, p64[i].grad!));
        return worst;
    }

    private static double Relative(Tensor actual, Tensor expected) =>
        (actual.to(float64) - expected).abs().max().item<double>() / Math.Max(1e-12, expected.abs().max().item<double>());
}
