using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Data;

/// <summary>
/// Mean and standard deviation of the training input for <see cref="InputNormalization.Standardize"/>: per feature for plain vectors,
/// per channel for images. Standard deviations below 1e-8 (constant inputs) are replaced by 1 so they pass unscaled. The fixed ImageNet
/// rules need no data.
/// </summary>
internal static class InputStatistics
{
    public static (Tensor Mean, Tensor Std) Compute(Tensor features, int[] shape, InputNormalization normalization)
    {
        using var scope = NewDisposeScope();
        int groups = shape[0];
        switch (normalization)
        {
            case InputNormalization.None:
                return (zeros(groups).MoveToOuterDisposeScope(), ones(groups).MoveToOuterDisposeScope());
            case InputNormalization.ImageNet:
                return (tensor(new[] { 0.485f * 255, 0.456f * 255, 0.406f * 255 }).MoveToOuterDisposeScope(),
                    tensor(new[] { 0.229f * 255, 0.224f * 255, 0.225f * 255 }).MoveToOuterDisposeScope());
            case InputNormalization.ImageNetBgrMean: // applied after the network input is reordered to BGR
                return (tensor(Networks.Pretrained.ResNet18ImageNet.BgrChannelMeans).MoveToOuterDisposeScope(), ones(3).MoveToOuterDisposeScope());
        }
        // [N, D] -> [groups, values per group] in float64 so large N does not lose precision.
        var grouped = features.to(ScalarType.Float64).view(features.shape[0], groups, -1).transpose(0, 1).reshape(groups, -1);
        var mean = grouped.mean([1]);
        var std = grouped.std(1, unbiased: false);
        std = where(std.lt(1e-8), ones_like(std), std);
        return (mean.to(ScalarType.Float32).cpu().MoveToOuterDisposeScope(), std.to(ScalarType.Float32).cpu().MoveToOuterDisposeScope());
    }
}
