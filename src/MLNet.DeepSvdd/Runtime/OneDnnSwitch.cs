using System.Runtime.InteropServices;

namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// Turns libtorch's use of oneDNN (its "mkldnn" backend: convolutions on the CPU) on or off for the whole process, as PyTorch's
/// <c>torch.backends.mkldnn.enabled</c> does. With it off, libtorch computes convolutions with its own im2col and BLAS kernels:
/// slower, and independent of oneDNN's JIT kernels. TorchSharp 0.107 has no binding for it, so this calls libtorch's exported
/// <c>at::globalContext()</c> and <c>at::Context::setUserEnabledMkldnn(bool)</c> directly (Itanium C++ names on Linux and macOS,
/// MSVC names on Windows; the Windows names are not tested). Use it only after libtorch is loaded (<see cref="TorchRuntime"/>).
/// </summary>
internal static class OneDnnSwitch
{
    private static readonly Lazy<Entry?> Entries = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.ThisCall)]
    private delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.ThisCall)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetEnabled(IntPtr context);

    private sealed record Entry(IntPtr Context, SetEnabled Set, GetEnabled Get);

    /// <summary>Whether libtorch's entry points were found (false: <see cref="TrySetEnabled"/> does nothing).</summary>
    public static bool Available => Entries.Value is not null;

    /// <summary>Whether libtorch currently uses oneDNN; null when the entry points were not found.</summary>
    public static bool? Enabled => Entries.Value is { } e ? e.Get(e.Context) : null;

    /// <summary>Turns oneDNN on or off; false when libtorch's entry points were not found.</summary>
    public static bool TrySetEnabled(bool enabled)
    {
        if (Entries.Value is not { } e) return false;
        e.Set(e.Context, enabled);
        return e.Get(e.Context) == enabled;
    }

    private static Entry? Resolve()
    {
        string library = OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so";
        if (!NativeLibrary.TryLoad(library, typeof(torch).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory,
                out var handle) && !NativeLibrary.TryLoad(library, out handle))
        {
            return null;
        }

        (string context, string set, string get) names = OperatingSystem.IsWindows()
            ? ("?globalContext@at@@YAAEAVContext@1@XZ", "?setUserEnabledMkldnn@Context@at@@QEAAX_N@Z", "?userEnabledMkldnn@Context@at@@QEBA_NXZ")
            : ("_ZN2at13globalContextEv", "_ZN2at7Context20setUserEnabledMkldnnEb", "_ZNK2at7Context17userEnabledMkldnnEv");
        if (!NativeLibrary.TryGetExport(handle, names.context, out var contextExport) ||
            !NativeLibrary.TryGetExport(handle, names.set, out var setExport) ||
            !NativeLibrary.TryGetExport(handle, names.get, out var getExport))
        {
            return null;
        }

        var context = Marshal.GetDelegateForFunctionPointer<GlobalContext>(contextExport)();
        return context == IntPtr.Zero ? null : new Entry(context,
            Marshal.GetDelegateForFunctionPointer<SetEnabled>(setExport), Marshal.GetDelegateForFunctionPointer<GetEnabled>(getExport));
    }
}
