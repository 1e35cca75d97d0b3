namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// Turns <see cref="DeepSvddDevice"/> into a TorchSharp device: CUDA only when the CUDA backend is loaded and a GPU is visible;
/// an explicit CUDA request without one falls back to the CPU (with a warning) only when <c>MLContext.FallbackToCpu</c> is true.
/// </summary>
internal static class DeviceSelector
{
    public static Device Select(DeepSvddDevice requested, MLContextAccess context, IChannel? channel)
    {
        TorchRuntime.EnsureLoaded();
        if (requested == DeepSvddDevice.Cpu) return CPU;
        bool cuda = SafeCudaAvailable();
        int index = context.GpuDeviceId ?? 0;
        if (cuda) return new Device(DeviceType.CUDA, index);
        if (requested == DeepSvddDevice.Auto) return CPU;
        const string why = "Device = Cuda was requested but no CUDA device is available (the app references TorchSharp-cpu, " +
            "or no GPU is visible). Reference TorchSharp-cuda-linux instead of TorchSharp-cpu (this repository: build with " +
            "-p:DeepSvddTorchBackend=cuda)";
        if (context.FallbackToCpu)
        {
            channel?.Warning(MessageSensitivity.None, why + "; training on the CPU because MLContext.FallbackToCpu is true.");
            return CPU;
        }
        throw new InvalidOperationException(why + ", set Device = DeepSvddDevice.Auto, or set MLContext.FallbackToCpu = true to fall back to the CPU.");
    }

    /// <summary>The device for a model loaded from a file: the first CUDA device when available, else the CPU.</summary>
    public static Device Default()
    {
        TorchRuntime.EnsureLoaded();
        return SafeCudaAvailable() ? CUDA : CPU;
    }

    private static bool SafeCudaAvailable()
    {
        try { return torch.cuda.is_available(); }
        catch (Exception) { return false; }
    }
}
