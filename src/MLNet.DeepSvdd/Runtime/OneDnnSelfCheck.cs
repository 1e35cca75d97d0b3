using System.Diagnostics;
using MLNet.DeepSvdd.Networks;

namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// The start-up self-check of libtorch's convolutions on this CPU. When libtorch is first loaded it runs every convolution kind the
/// networks use (ResNet-18's stem, 3×3, strided 3×3 and 1×1 stride-2 downsample with their real channel counts, LeNet's 5×5), channels-last
/// as the networks run them on the CPU, batch 2 at small sides, forward and both gradients, through the same code as the networks
/// (<see cref="PointwiseConvolution.Convolve"/>), and compares sampled entries with the direct sums (<see cref="ConvolutionCheck"/>).
/// If any is wrong, libtorch's oneDNN convolutions are turned off for the process (<see cref="OneDnnSwitch"/>): its own kernels are
/// slower but do not depend on oneDNN's, and the check is repeated on them.
/// </summary>
/// <remarks>
/// Why not the <c>ONEDNN_MAX_CPU_ISA=AVX2</c> cap as the fallback: oneDNN reads that variable once per process, when it creates its first
/// kernel, so a process cannot test the AVX-512 kernels and then cap itself. A value the user sets before the process starts is
/// honoured by oneDNN as always, and the check then tests the kernels it selects. The check takes about 0.1–0.3 s (first use of each
/// kernel included); it replaced a cap applied on every AVX-512 CPU, which halved ResNet-18 training speed there.
/// </remarks>
internal static class OneDnnSelfCheck
{
    /// <summary>A result relative error above this is wrong (float rounding on these shapes stays below 1e-5; the oneDNN bug gave 0.45).</summary>
    public const double Tolerance = 1e-3;

    /// <summary>The variable oneDNN reads to cap the instruction sets of its kernels (read once per process).</summary>
    public const string IsaVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The shapes checked, batch 2: every convolution kind of ResNet-18 and LeNet, at small sides.</summary>
    public static IReadOnlyList<ConvolutionCheck.Shape> Shapes { get; } =
    [
        new(3, 64, 7, 2, 3, 16, 2),
        new(64, 64, 3, 1, 1, 4, 2),
        new(64, 128, 3, 2, 1, 4, 2), new(128, 128, 3, 1, 1, 2, 2), new(64, 128, 1, 2, 0, 4, 2),
        new(128, 256, 3, 2, 1, 4, 2), new(256, 256, 3, 1, 1, 2, 2), new(128, 256, 1, 2, 0, 4, 2),
        new(256, 512, 3, 2, 1, 4, 2), new(512, 512, 3, 1, 1, 2, 2), new(256, 512, 1, 2, 0, 4, 2),
        new(3, 32, 5, 1, 2, 8, 2), new(32, 64, 5, 1, 2, 4, 2), new(64, 128, 5, 1, 2, 4, 2),
    ];

    /// <summary>What the start-up check found: null before it ran; empty when every shape was right.</summary>
    public static IReadOnlyList<string>? Failures { get; private set; }

    /// <summary>Whether the check turned libtorch's oneDNN convolutions off for this process.</summary>
    public static bool FellBack { get; private set; }

    /// <summary>How long the start-up check took (zero before it ran).</summary>
    public static TimeSpan Elapsed { get; private set; }

    /// <summary>Runs the check once (libtorch must be loaded); returns a warning for the log when it had to fall back, null otherwise.</summary>
    internal static string? RunAtStartup()
    {
        var clock = Stopwatch.StartNew();
        var failures = Check(PointwiseConvolution.Convolve);
        Failures = failures;
        Elapsed = clock.Elapsed;
        if (failures.Count == 0) return null;

        string isa = Environment.GetEnvironmentVariable(IsaVariable) is { Length: > 0 } value ? $"{IsaVariable}={value}" : $"{IsaVariable} unset";
        if (!OneDnnSwitch.TrySetEnabled(false))
        {
            return $"libtorch's oneDNN convolutions failed the start-up self-check on this CPU ({isa}): {string.Join("; ", failures)}. " +
                $"They could not be turned off: results of convolutional networks may be wrong. Set {IsaVariable}=AVX2 before starting the process.";
        }

        FellBack = true;
        var after = Check(PointwiseConvolution.Convolve);
        return $"libtorch's oneDNN convolutions failed the start-up self-check on this CPU ({isa}): {string.Join("; ", failures)}. " +
            "Convolutions now use libtorch's own kernels (slower; " + (after.Count == 0 ? "they passed the same check" : "they failed it too: " + string.Join("; ", after)) +
            $"). Setting {IsaVariable}=AVX2 before starting the process may give back the oneDNN speed.";
    }

    /// <summary>The shapes of <see cref="Shapes"/> that <paramref name="convolve"/> gets wrong in channels-last, with their errors.</summary>
    internal static List<string> Check(Func<Tensor, Tensor, long, long, Tensor> convolve)
    {
        var failures = new List<string>();
        using var gradients = torch.enable_grad();
        foreach (var shape in Shapes)
        {
            var errors = ConvolutionCheck.Measure(shape, channelsLast: true, convolve, samples: 512);
            if (!(errors.Max <= Tolerance)) failures.Add($"{shape}: {errors}");
        }
        return failures;
    }
}
