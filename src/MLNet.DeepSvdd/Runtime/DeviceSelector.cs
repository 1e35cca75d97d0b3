namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// Turns <see cref="DeepSvddDevice"/> into a TorchSharp device: CUDA only when the CUDA backend reports a GPU and a tiny operation on it
/// works (<see cref="CudaProbe"/>). <c>Auto</c> falls back to the CPU (with a warning when CUDA was reported but does not work); an explicit
/// CUDA request without a working device falls back to the CPU (with a warning) only when <c>MLContext.FallbackToCpu</c> is true, and
/// otherwise fails with a message that says what is missing. A loaded model (<see cref="Default"/>) scores on CUDA only when the check
/// passes, and says when it falls back to the CPU because it did not.
/// </summary>
internal static class DeviceSelector
{
    /// <summary>The problems <see cref="Default"/> has warned about in this process.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Warned = new(StringComparer.Ordinal);

    public static Device Select(DeepSvddDevice requested, MLContextAccess context, IChannel? channel)
    {
        TorchRuntime.EnsureLoaded();
        if (requested == DeepSvddDevice.Cpu) return CPU;
        int index = context.GpuDeviceId ?? 0;
        var status = CudaProbe.Check(index);
        if (status.Usable) return new Device(DeviceType.CUDA, index);
        if (requested == DeepSvddDevice.Auto)
        {
            if (status.Problem is { } problem) channel?.Warning(MessageSensitivity.None, $"Device = Auto: {problem}; training on the CPU.");
            return CPU;
        }
        string why = status.Problem is { } reason
            ? $"Device = Cuda was requested but the CUDA device cannot be used: {reason}"
            : "Device = Cuda was requested but no CUDA device is available (the app references TorchSharp-cpu, " +
              "or no GPU is visible). Reference TorchSharp-cuda-linux instead of TorchSharp-cpu (this repository: build with " +
              "-p:DeepSvddTorchBackend=cuda)";
        if (context.FallbackToCpu)
        {
            channel?.Warning(MessageSensitivity.None, why + "; training on the CPU because MLContext.FallbackToCpu is true.");
            return CPU;
        }
        throw new InvalidOperationException(why + (status.Problem is null ? ", set" : ". Set") +
            " Device = DeepSvddDevice.Auto, or set MLContext.FallbackToCpu = true to fall back to the CPU.");
    }

    /// <summary>
    /// The device for a model loaded from a file: the first CUDA device when it works, else the CPU. When CUDA is reported but fails its
    /// check, the choice of the CPU is said, with what failed, on <paramref name="warnings"/> (default: standard error, since a model file
    /// is read with no MLContext log to warn on), once per process and problem.
    /// </summary>
    /// <param name="warnings">Where the warning goes; null for standard error.</param>
    public static Device Default(TextWriter? warnings = null)
    {
        TorchRuntime.EnsureLoaded();
        var status = CudaProbe.Check(0);
        if (status.Usable) return CUDA;
        if (status.Problem is { } problem && Warned.TryAdd(problem, 0))
            (warnings ?? Console.Error).WriteLine($"Warning: MLNet.DeepSvdd: a loaded model scores on the CPU because the CUDA device cannot be used: {problem}.");
        return CPU;
    }
}
