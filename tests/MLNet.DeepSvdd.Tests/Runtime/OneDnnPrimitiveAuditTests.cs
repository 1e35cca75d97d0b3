using System.Runtime.Intrinsics.X86;
using Xunit.Abstractions;

namespace MLNet.DeepSvdd.Tests.Runtime;

/// <summary>
/// The primitive audit (<see cref="PrimitiveAudit"/>), its small version: every convolution, BatchNorm and pooling shape of ResNet-18 (32 and
/// 128 px) and LeNet (32 px), forward and backward, NCHW and channels-last, batch sizes 1 and 13 (13 is where the wrong oneDNN kernel shows
/// at 32 px), in a fresh process per oneDNN ISA level (oneDNN reads <c>ONEDNN_MAX_CPU_ISA</c> once per process): about 12 s per level on a
/// quiet machine. Every operation as the networks compute it must be right at every level; the raw strided 1×1 convolution (which the
/// networks no longer use) is reported, not asserted. The full matrix (224 px, batch 50) is a command, not a test (docs/onednn-avx512.md):
/// <c>ONEDNN_MAX_CPU_ISA=ALL dotnet exec MLNet.DeepSvdd.Tests.dll onednn audit 32,128,224 1,13,50</c>.
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

        var (seen, lines) = OneDnnChildProcess.Run(isa, "audit", "32,128", "1,13");

        seen.Should().Be(isa, "the child process must run under the ISA level it was given");
        lines.Should().HaveCountGreaterThanOrEqualTo(312, "every shape, layout and batch size is one line (312 at 32 and 128 px, batches 1 and 13)");
        foreach (var raw in lines.Where(l => l.Case.StartsWith("conv raw", StringComparison.Ordinal)))
            log.WriteLine($"{(raw.Ok ? "right" : "WRONG")} (not used by the networks): {raw.Case} | {raw.Detail}");
        var wrong = lines.Where(l => !l.Ok && !l.Case.StartsWith("conv raw", StringComparison.Ordinal)).ToList();
        wrong.Should().BeEmpty($"under {isa} these were wrong:\n" + string.Join("\n", wrong.Select(l => $"{l.Case} | {l.Detail}")));
        lines.Should().Contain(l => l.Case.StartsWith("conv network NHWC resnet18 128px 256→512 1×1 stride 2 pad 0 at 8×8, batch 13", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Case.StartsWith("batchnorm train NHWC", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Case.StartsWith("maxpool 2×2 NHWC lenet 32px", StringComparison.Ordinal));
    }
}
