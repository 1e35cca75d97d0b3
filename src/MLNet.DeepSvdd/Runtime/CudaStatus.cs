namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// What a CUDA device check found: whether TorchSharp's native loader reports CUDA at all (<paramref name="Reported"/>), and, when it does,
/// why the device cannot be used (<paramref name="Problem"/>; null when a tiny operation on it worked).
/// </summary>
/// <param name="Reported">True when <c>torch.cuda.is_available()</c> is true.</param>
/// <param name="Problem">What failed on the device (a missing library such as cuDNN, a device index beyond the device count), or null.</param>
internal sealed record CudaStatus(bool Reported, string? Problem)
{
    /// <summary>CUDA reported and verified by an operation on the device.</summary>
    public bool Usable => Reported && Problem is null;

    /// <summary>No CUDA backend or no visible GPU.</summary>
    public static CudaStatus None { get; } = new(false, null);
}
