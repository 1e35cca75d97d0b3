using System.Runtime.Intrinsics.X86;
using Xunit.Abstractions;

namespace MLNet.DeepSvdd.Tests.Runtime;

/// <summary>
/// The primitive audit (<see cref="PrimitiveAudit"/>): every convolution, BatchNorm and pooling shape of ResNet-18 (32, 128, 224 px) and
/// LeNet, forward and backward, NCHW and channels-last, batch sizes 1, 13 and 50, in a fresh process per oneDNN ISA level (oneDNN reads
/// <c>ONEDNN_MAX_CPU_ISA</c> once per process). Every operation as the networks compute it must be right at every level; the raw
/// strided 1×1 convolution (which the networks no longer use) is reported, not asserted.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public class OneDnnPrimitiveAuditTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData("AVX2")]
    [InlineData("AVX512_CORE")]
    [InlineData("ALL")]
    public void Every_shape_the_networks_use_is_right_forward_and_backward_in_both_layouts(string isa)
    {
        if (isa != "AVX2" && !Avx512F.IsSupported)
        {
            log.WriteLine($"No AVX-512 on this CPU: {isa} selects the same kernels as AVX2.");
        }

        var (seen, lines) = OneDnnChildProcess.Run(isa, "audit", "32,128,224", "1,13,50");

        seen.Should().Be(isa, "the child process must run under the ISA level it was given");
        lines.Should().HaveCountGreaterThan(500, "every shape, layout and batch size is one line");
        foreach (var raw in lines.Where(l => l.Case.StartsWith("conv raw", StringComparison.Ordinal)))
            log.WriteLine($"{(raw.Ok ? "right" : "WRONG")} (not used by the networks): {raw.Case} | {raw.Detail}");
        var wrong = lines.Where(l => !l.Ok && !l.Case.StartsWith("conv raw", StringComparison.Ordinal)).ToList();
        wrong.Should().BeEmpty($"under {isa} these were wrong:\n" + string.Join("\n", wrong.Select(l => $"{l.Case} | {l.Detail}")));
        lines.Should().Contain(l => l.Case.StartsWith("conv network NHWC resnet18 224px 256→512 1×1 stride 2", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Case.StartsWith("batchnorm train NHWC", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Case.StartsWith("maxpool 2×2 NCHW lenet 224px", StringComparison.Ordinal));
    }
}
