using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Data;

/// <summary>
/// Mean and standard deviation of the training input for <see cref="InputNormalization.Standardize"/>: per feature for plain vectors,
/// per channel for images. Standard deviations below 1e-8 (constant inputs) are replaced by 1 so they pass unscaled. The fixed ImageNet
/// rules need no data.
/// </summary>
internal static class InputStatistics
{
    public static (Tensor Mean, Tensor Std) Compute(Tensor features, int[] shape, InputNormalization normalization,
        long chunkValues = StatisticsChunkValues)
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
        // Two passes over chunks of rows, each chunk widened to float64 on its own, so no float64 copy of the whole data is made and
        // large N does not lose precision: the sums per group, then the squared deviations from the mean.
        long rows = features.shape[0], perGroup = features.shape[1] / groups, count = rows * perGroup;
        long chunkRows = Math.Max(1, chunkValues / Math.Max(1, features.shape[1]));
        var sum = zeros(groups, ScalarType.Float64, features.device);
        for (long start = 0; start < rows; start += chunkRows)
        {
            using var chunkScope = NewDisposeScope();
            sum.AddInPlace(Chunk(features, start, chunkRows, groups).sum([0, 2]));
        }
        var mean = sum.DividedBy(count);
        var deviations = zeros(groups, ScalarType.Float64, features.device);
        var centre = mean.view(1, groups, 1);
        for (long start = 0; start < rows; start += chunkRows)
        {
            using var chunkScope = NewDisposeScope();
            deviations.AddInPlace(Chunk(features, start, chunkRows, groups).sub_(centre).SquareInPlace().sum([0, 2])); // the chunk is a copy: in place is safe
        }
        var std = deviations.DividedBy(count).sqrt();
        std = where(std.LessThan(1e-8), ones_like(std), std);
        return (mean.to(ScalarType.Float32).cpu().MoveToOuterDisposeScope(), std.to(ScalarType.Float32).cpu().MoveToOuterDisposeScope());
    }

    /// <summary>Values per chunk by default (8 MB in float64).</summary>
    internal const long StatisticsChunkValues = 1 << 20;

    /// <summary>A float64 copy of rows [start, start + chunkRows) (fewer at the end), as [rows, groups, D / groups].</summary>
    private static Tensor Chunk(Tensor features, long start, long chunkRows, int groups)
    {
        long n = Math.Min(chunkRows, features.shape[0] - start);
        return features.narrow(0, start, n).to(ScalarType.Float64, copy: true).view(n, groups, -1);
    }
}
