namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// Turns <see cref="DeepSvddDevice"/> into a TorchSharp device: CUDA only when the CUDA backend reports a GPU and a tiny operation on it
/// works (<see cref="CudaProbe"/>). <c>Auto</c> falls back to the CPU (with a warning when CUDA was reported but does not work); an explicit
/// CUDA request without a working device falls back to the CPU (with a warning) only when <c>MLContext.FallbackToCpu</c> is true, and
/// otherwise fails with a message that says what is missing.
/// </summary>
internal static class DeviceSelector
{
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

    /// <summary>The device for a model loaded from a file: the first CUDA device when it works, else the CPU.</summary>
    public static Device Default()
    {
        TorchRuntime.EnsureLoaded();
        return CudaProbe.Check(0).Usable ? CUDA : CPU;
    }
}
