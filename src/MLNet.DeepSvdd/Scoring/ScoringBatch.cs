namespace MLNet.DeepSvdd.Scoring;

/// <summary>
/// Rows per forward pass when scoring. On the CPU a batch is capped at <see cref="MaxValuesOnCpu"/> input values: larger batches of large
/// images are slower there, because the activations no longer fit the caches, while small images gain from large batches up to a point.
/// Measured by <c>deepsvdd bench --scaling --network resnet18pretrained --scaling-score-size 224</c> (and with the default 32 px), which
/// scores the same images at each of the batch sizes of <c>--scaling-batch-sizes</c>.
/// GPUs get the requested size.
/// </summary>
internal static class ScoringBatch
{
    /// <summary>2²¹ values: 13 images at 224 px, 42 at 128 px, 682 at 32 px (the requested size, 256 by default, applies first).</summary>
    public const int MaxValuesOnCpu = 1 << 21;

    public static int Rows(int requested, int inputSize, Device device) =>
        device.type == DeviceType.CPU ? Math.Max(1, Math.Min(requested, MaxValuesOnCpu / Math.Max(1, inputSize))) : requested;
}
