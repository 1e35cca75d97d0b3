namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// Lays a batch of images out channels-last (NHWC in memory, still indexed [N, C, H, W]) before it enters a convolutional network.
/// libtorch's CPU convolutions, BatchNorm and pooling follow the input's memory format, and their NHWC (oneDNN) kernels are faster
/// than the NCHW ones on these shapes, so one copy of the input makes every layer after it faster.
/// TorchSharp 0.107 has no <c>memory_format</c> argument, so the layout is made with strides: permute to [N, H, W, C], copy, and
/// permute the view back. The input values are unchanged; the outputs agree with NCHW to float rounding. The gain is largest where the
/// convolutions dominate (ResNet-18 at 224 px, in training and in batched scoring) and small where they do not (small images); the
/// copy costs one pass over the input. Measured by <c>deepsvdd bench --networks lenet,resnet18 --sizes 32,224</c>, run on two builds
/// (with and without this layout) alternately.
/// </summary>
internal static class ChannelsLast
{
    /// <summary>
    /// <paramref name="images"/> ([N, C, H, W]) on the CPU with channels-last strides; other ranks, tensors already channels-last, and
    /// tensors on a GPU (where the gain was not measured) as they are.
    /// </summary>
    public static Tensor Apply(Tensor images)
    {
        if (images.dim() != 4 || images.device_type != TorchSharp.DeviceType.CPU || IsChannelsLast(images)) return images;
        return images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
    }

    /// <summary>Whether a [N, C, H, W] tensor is laid out NHWC: strides (H·W·C, 1, W·C, C).</summary>
    public static bool IsChannelsLast(Tensor images)
    {
        if (images.dim() != 4) return false;
        var shape = images.shape;
        var strides = images.stride();
        long c = shape[1], h = shape[2], w = shape[3];
        return strides[1] == 1 && strides[3] == c && strides[2] == w * c && strides[0] == h * w * c;
    }
}
