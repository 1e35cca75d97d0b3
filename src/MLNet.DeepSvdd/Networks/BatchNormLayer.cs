using MLNet.DeepSvdd.Runtime;
using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// Batch normalization over the channels of 2-d (N, C) or 4-d (N, C, H, W) input, as <c>torch.nn.BatchNorm1d</c> and
/// <c>BatchNorm2d</c> (momentum 0.1, running statistics tracked), with the same parameter and buffer names (<c>weight</c>,
/// <c>bias</c>, <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c>), so saved models, the pretrained ResNet-18
/// weights and the ONNX export read it as before. One difference: in training TorchSharp 0.107's BatchNorm adds 1 to its batch
/// counter with a temporary libtorch scalar that the garbage collector may free while libtorch reads it (see
/// <see cref="HeldScalar"/>); this one adds the static <see cref="HeldScalar.One"/>.
/// </summary>
internal sealed class BatchNormLayer : BatchNorm
{
    private readonly int inputDimensions;

    /// <summary>
    /// A BatchNorm over <paramref name="features"/> channels of <paramref name="inputDimensions"/>-d input (2: BatchNorm1d over
    /// feature vectors; 4: BatchNorm2d over images), with <paramref name="eps"/> added to the variance and, when
    /// <paramref name="affine"/>, a learned scale and shift.
    /// </summary>
    public BatchNormLayer(long features, int inputDimensions, double eps, bool affine = true)
        : base(features, eps, 0.1, affine, true, null, null, inputDimensions == 4 ? "BatchNorm2d" : "BatchNorm1d")
    {
        if (inputDimensions is not (2 or 4))
            throw new ArgumentOutOfRangeException(nameof(inputDimensions), inputDimensions, "BatchNormLayer normalizes 2-d (N, C) or 4-d (N, C, H, W) input.");
        this.inputDimensions = inputDimensions;
    }

    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        if (training) num_batches_tracked?.add_(HeldScalar.One, HeldScalar.One);
        return nn.functional.batch_norm(input, running_mean, running_var, affine ? weight : null, bias, training, momentum ?? 0.1, eps);
    }

    protected override void ValidateInputDimensions(Tensor input)
    {
        if (input.dim() != inputDimensions)
            throw new ArgumentException($"{(inputDimensions == 4 ? "BatchNorm2d" : "BatchNorm1d")} expects {inputDimensions}-d input, got {input.dim()}-d.");
    }
}
