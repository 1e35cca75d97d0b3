using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// Keeps libtorch's oneDNN convolutions off their AVX-512 kernels unless the user chose otherwise.
/// </summary>
/// <remarks>
/// On an AVX-512 CPU (AMD EPYC, the project's reference machine) the CPU build of libtorch 2.10 that TorchSharp 0.107 ships computes wrong
/// convolutions with every AVX-512 kernel family oneDNN offers (<c>AVX512_CORE</c>, <c>_VNNI</c>, <c>_BF16</c>): ML.NET's ResNet-18 features
/// differed from ONNX Runtime's by up to 0.38, a channels-last ResNet-18 from the same network in NCHW by up to 0.34, and layer 4's
/// 1×1 stride-2 downsample convolution in channels-last from the direct sum by 0.73. With the
/// kernels capped at AVX2 both agree to 1e-4. oneDNN reads <c>ONEDNN_MAX_CPU_ISA</c> once, when it creates its first primitive, so
/// this sets it (in the native environment, where oneDNN reads it) before libtorch runs anything. A value the user set is never
/// changed: <c>ONEDNN_MAX_CPU_ISA=ALL</c> restores the AVX-512 kernels on a CPU where they are known to be right.
/// </remarks>
internal static class OneDnnIsaCap
{
    /// <summary>The variable oneDNN reads to cap the instruction sets its kernels may use.</summary>
    public const string Variable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The cap applied on AVX-512 CPUs when the variable is unset.</summary>
    public const string Cap = "AVX2";

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    /// <summary>Whether this process set the cap (the CPU has AVX-512 and the variable was unset).</summary>
    public static bool Applied { get; private set; }

    /// <summary>Why the cap was needed but could not be set, for the first log that can report it; null otherwise.</summary>
    public static string? Warning { get; private set; }

    /// <summary>
    /// Runs when this assembly is first used, so the cap is in place before any network, feature extractor or test of this assembly
    /// reaches libtorch, whatever the entry point.
    /// </summary>
#pragma warning disable CA2255 // A library module initializer is the point: it must run before libtorch creates its first oneDNN primitive.
    [ModuleInitializer]
    internal static void Initialize() => Warning = ApplyIfNeeded();
#pragma warning restore CA2255

    /// <summary>
    /// Sets <see cref="Variable"/> to <see cref="Cap"/> when the CPU has AVX-512 and the variable is unset; returns a warning when it
    /// was needed and could not be done.
    /// </summary>
    private static string? ApplyIfNeeded()
    {
        if (!Avx512F.IsSupported || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            return null;
        }

        if (OperatingSystem.IsWindows())
        {
            // oneDNN reads the variable with GetEnvironmentVariable on Windows, which sees what .NET sets.
            Environment.SetEnvironmentVariable(Variable, Cap);
        }
        else if (!SetNative(Variable, Cap))
        {
            return $"This CPU has AVX-512, on which libtorch's oneDNN convolutions were measured wrong, and {Variable} could not be set " +
                $"in this process: set {Variable}={Cap} before starting it.";
        }
        else
        {
            // Keep .NET's view of the environment in step (child processes, diagnostics).
            Environment.SetEnvironmentVariable(Variable, Cap);
        }

        Applied = true;
        return null;
    }

    /// <summary>The variable's value as native code sees it (C's <c>getenv</c>; null when unset or unreadable).</summary>
    internal static string? NativeValue(string name)
    {
        if (OperatingSystem.IsWindows())
        {
            return Environment.GetEnvironmentVariable(name);
        }

        if (!NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "getenv", out var getenv))
        {
            return null;
        }

        var value = Marshal.GetDelegateForFunctionPointer<GetEnv>(getenv)(name);
        return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    private static bool SetNative(string name, string value)
    {
        // .NET keeps its own copy of the environment on Unix; oneDNN calls the C library's getenv, so the C library's setenv is used.
        if (!NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "setenv", out var setenv))
        {
            return false;
        }

        return Marshal.GetDelegateForFunctionPointer<SetEnv>(setenv)(name, value, 0) == 0;
    }
}
