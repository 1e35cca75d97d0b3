namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// Verifies a CUDA device before anything is trained or scored on it. TorchSharp's native loader can report CUDA as available while a CUDA
/// library it needs failed to load (cuDNN: dotnet/TorchSharp#1545), which then fails later with a cryptic native error. The probe runs a
/// tiny convolution (the cuDNN path) on the device and copies the result back; any failure becomes a <see cref="CudaStatus.Problem"/>
/// that names what is missing. Results are cached per device index. Tests replace the probe for their own flow (<see cref="Override"/>),
/// so device selection is testable without a GPU.
/// </summary>
internal static class CudaProbe
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, CudaStatus> Cache = new();
    private static readonly AsyncLocal<Func<int, CudaStatus>?> Replacement = new();

    /// <summary>The status of CUDA device <paramref name="index"/>.</summary>
    public static CudaStatus Check(int index) =>
        Replacement.Value is { } replacement ? replacement(index) : Cache.GetOrAdd(index, Run);

    /// <summary>Replaces the probe in the calling flow (async-local: tests running in parallel keep the real one) until disposed.</summary>
    public static IDisposable Override(Func<int, CudaStatus> probe)
    {
        var previous = Replacement.Value;
        Replacement.Value = probe;
        return new Restore(() => Replacement.Value = previous);
    }

    private static CudaStatus Run(int index)
    {
        bool reported;
        try { reported = torch.cuda.is_available(); }
        catch (Exception) { return CudaStatus.None; }
        if (!reported) return CudaStatus.None;
        try
        {
            int count = torch.cuda.device_count();
            if (index < 0 || index >= count)
                return new CudaStatus(true, $"MLContext.GpuDeviceId is {index}, but {count} CUDA device(s) are visible (indices 0 to {count - 1})");
            var device = new Device(DeviceType.CUDA, index);
            using var input = torch.ones([1, 1, 4, 4], device: device);
            using var weight = torch.ones([1, 1, 3, 3], device: device);
            using var output = torch.nn.functional.conv2d(input, weight);
            using var back = output.cpu();
            float value = back[0, 0, 0, 0].ToSingle();
            return value == 9f
                ? new CudaStatus(true, null)
                : new CudaStatus(true, $"a 3×3 convolution of ones on cuda:{index} gave {value} instead of 9");
        }
        catch (Exception e)
        {
            return new CudaStatus(true, $"TorchSharp reports CUDA, but a tiny convolution on cuda:{index} failed ({e.GetType().Name}: {e.Message}); " +
                "a CUDA library it needs is missing or does not match (cuDNN most often: install the cuDNN of the TorchSharp-cuda package's CUDA version, and check LD_LIBRARY_PATH)");
        }
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
