namespace MLNet.DeepSvdd;

/// <summary>
/// Where training and scoring run.
/// </summary>
public enum DeepSvddDevice
{
    /// <summary>
    /// A CUDA GPU when the CUDA backend (package TorchSharp-cuda-linux) is present and a GPU is visible
    /// (device <c>MLContext.GpuDeviceId</c> when set, else 0), otherwise the CPU.
    /// </summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>
    /// A CUDA GPU (device <c>MLContext.GpuDeviceId</c> when set, else 0). When none is available, training falls back to the CPU with a
    /// warning if <c>MLContext.FallbackToCpu</c> is true, and fails with an explanation otherwise.
    /// </summary>
    Cuda,
}
