using System.Runtime.Intrinsics.X86;
using MLNet.DeepSvdd.Networks;
using MLNet.DeepSvdd.Runtime;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Runtime;

/// <summary>
/// The start-up self-check of libtorch's convolutions (<see cref="OneDnnSelfCheck"/>), the fallback it uses (<see cref="OneDnnSwitch"/>)
/// and the downsample formulation that avoids oneDNN's wrong AVX-512 kernel (<see cref="PointwiseConvolution"/>).
/// </summary>
public class OneDnnSelfCheckTests(Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public void The_library_no_longer_caps_oneDNN_and_the_start_up_check_passes_without_falling_back()
    {
        TorchRuntime.EnsureLoaded();

        OneDnnSelfCheck.Failures.Should().NotBeNull("the check runs when libtorch is loaded").And.BeEmpty();
        OneDnnSelfCheck.FellBack.Should().BeFalse();
        log.WriteLine($"start-up self-check: {OneDnnSelfCheck.Elapsed.TotalMilliseconds:F0} ms");
        OneDnnSelfCheck.Elapsed.Should().BePositive().And.BeLessThan(TimeSpan.FromSeconds(60),
            "a start-up check must stay quick (it took 13.7 s inside the parallel test run on 2 cores at load average 30)");
        OneDnnSwitch.Enabled.Should().BeTrue("oneDNN stays on where its kernels pass");
        typeof(DeepSvddTrainer).Assembly.GetType("MLNet.DeepSvdd.Runtime.OneDnnIsaCap").Should().BeNull("the blanket AVX2 cap is gone");
    }

    [Theory]
    [InlineData("ALL")]
    [InlineData("AVX2")]
    public void In_a_fresh_process_the_check_passes_the_network_formulation_under_each_ISA(string isa)
    {
        var (seen, lines) = OneDnnChildProcess.Run(isa, "selfcheck", "network");

        seen.Should().Be(isa);
        lines.Should().ContainSingle().Which.Ok.Should().BeTrue(lines.Single().Detail);
    }

    [Fact]
    public void On_an_AVX512_CPU_the_check_catches_oneDNN_s_strided_1x1_kernel_that_the_networks_avoid()
    {
        // The bug the formulation avoids, seen through the start-up check: a check that misses it could not protect anyone.
        if (!Avx512F.IsSupported) return;

        var (_, lines) = OneDnnChildProcess.Run("ALL", "selfcheck", "raw");

        var line = lines.Should().ContainSingle().Subject;
        line.Ok.Should().BeFalse("libtorch 2.10's brgconv_1x1:avx512_core was wrong for a strided 1×1 convolution in channels-last; " +
            "if it is right now, the upstream bug may be fixed and PointwiseConvolution may be unnecessary");
        line.Detail.Should().Contain("256→512 1×1 stride 2");
    }

    [Fact]
    public void The_check_reports_a_wrong_convolution()
    {
        // A convolution that is off by 1 % in one output channel must fail the check, on any CPU.
        var failures = OneDnnSelfCheck.Check((x, w, s, p) =>
        {
            var y = PointwiseConvolution.Convolve(x, w, s, p);
            var scale = ones(y.shape[1]);
            scale[^1] = 1.01f;
            return y * scale.view(1, -1, 1, 1);
        });

        failures.Should().HaveCount(OneDnnSelfCheck.Shapes.Count);
    }

    [Fact]
    public void With_oneDNN_switched_off_libtorch_computes_the_strided_1x1_convolution_right()
    {
        var (_, lines) = OneDnnChildProcess.Run("ALL", "switch-off");

        var line = lines.Should().ContainSingle().Subject;
        line.Ok.Should().BeTrue(line.Detail);
    }

    [Fact]
    public void The_ResNet_downsample_convolutions_take_the_subsampled_route_and_equal_the_strided_convolution()
    {
        using var network = new ResNet(3, [2, 2, 2, 2], 8, bias: true, useMaxPool: true);
        var downsamples = network.named_modules().Where(m => m.name.EndsWith("downsample.0", StringComparison.Ordinal))
            .Select(m => (TorchSharp.Modules.Conv2d)m.module).ToList();
        downsamples.Should().HaveCount(3);
        downsamples.Should().OnlyContain(c => PointwiseConvolution.IsPointwise(c) && c.stride[0] == 2);
        network.named_modules().Where(m => m.module is TorchSharp.Modules.Conv2d && !m.name.EndsWith("downsample.0", StringComparison.Ordinal))
            .Should().OnlyContain(m => !PointwiseConvolution.IsPointwise((TorchSharp.Modules.Conv2d)m.module));

        using var scope = NewDisposeScope();
        var x = randn(3, 64, 9, 9, generator: new Generator(2));
        var w = randn(128, 64, 1, 1, generator: new Generator(3));
        // NCHW strided 1×1 convolution (right under every ISA level) against the subsampled formulation, odd side included.
        var strided = nn.functional.conv2d(x, w, strides: [2, 2]);
        var subsampled = PointwiseConvolution.Convolve(x, w, 2, 0);
        subsampled.shape.Should().Equal(strided.shape);
        (subsampled - strided).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    [Theory]
    [InlineData(3, 64, 7, 2, 3, 32)]
    [InlineData(64, 64, 3, 1, 1, 8)]
    [InlineData(64, 128, 3, 2, 1, 8)]
    [InlineData(64, 128, 1, 2, 0, 8)]
    [InlineData(256, 512, 1, 2, 0, 4)]
    [InlineData(512, 512, 3, 1, 1, 2)]
    [InlineData(3, 32, 5, 1, 2, 32)]
    public void A_convolution_as_the_networks_compute_it_matches_the_direct_sum_in_both_layouts(int inChannels, int outChannels, int k, int stride, int pad, int side)
    {
        // In this test process (no cap: the AVX-512 kernels on an AVX-512 CPU). The full matrix of shapes, batch sizes and ISA levels is
        // OneDnnPrimitiveAuditTests.
        var shape = new ConvolutionCheck.Shape(inChannels, outChannels, k, stride, pad, side, 2);
        foreach (bool channelsLast in new[] { false, true })
        {
            var errors = ConvolutionCheck.Measure(shape, channelsLast, PointwiseConvolution.Convolve, samples: 4096);
            errors.Max.Should().BeLessThan(1e-4, $"{(channelsLast ? "channels-last" : "NCHW")} {shape}: {errors}");
        }
    }
}
