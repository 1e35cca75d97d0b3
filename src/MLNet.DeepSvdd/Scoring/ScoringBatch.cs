using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Scoring;

/// <summary>
/// Rows per forward pass when scoring. On the CPU a batch is capped at <see cref="MaxValuesOnCpu"/> input values: larger batches of large
/// images are slower there, because the activations no longer fit the caches (measured with <c>deepsvdd bench --scaling</c>: ResNet-18 at
/// 224 px scores 43 images/s in batches of 16 and 30 images/s in batches of 100; at 32 px batches of 256 beat batches of 1024).
/// GPUs get the requested size.
/// </summary>
internal static class ScoringBatch
{
    /// <summary>2²¹ values: 13 images at 224 px, 42 at 128 px, 682 at 32 px (the requested size, 256 by default, applies first).</summary>
    public const int MaxValuesOnCpu = 1 << 21;

    public static int Rows(int requested, int inputSize, Device device) =>
        device.type == DeviceType.CPU ? Math.Max(1, Math.Min(requested, MaxValuesOnCpu / Math.Max(1, inputSize))) : requested;
}
