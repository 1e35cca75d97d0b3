using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// A 1×1 convolution (ResNet's downsample: 1×1, stride 2, no padding) computed as a stride subsampling of the input followed by a matrix
/// product over the channels, instead of by oneDNN. The two are the same function:
/// <c>out[n, o, y, x] = Σ_c w[o, c] · in[n, c, s·y, s·x]</c>, and the gradients agree too (the subsampling's backward puts the gradient
/// back at the positions it read, zeros elsewhere). The product runs on libtorch's BLAS (<c>linear</c>), and its result is laid out
/// channels-last ([N, H, W, O] in memory), the layout the networks use on the CPU.
/// </summary>
/// <remarks>
/// The reason is a wrong oneDNN kernel: in the CPU build of libtorch 2.10 that TorchSharp 0.107 ships (oneDNN 3.7.1), the forward pass
/// of a 1×1 convolution from 256 to 512 channels on a channels-last input runs <c>brgconv_1x1:avx512_core</c>, which returned outputs
/// off by up to 0.45 (relative to the largest output) on the project's AMD EPYC (Zen 4, AVX-512), strided (layer 4's downsample) or not
/// (a stride-1 1×1 convolution on the subsampled input); NCHW, AVX2 and its backward passes were right (<c>OneDnnPrimitiveAuditTests</c>).
/// The module keeps its stride, weights and parameter names, so saved models, torchvision state dicts and the ONNX export are unchanged.
/// </remarks>
internal static class PointwiseConvolution
{
    /// <summary>
    /// <paramref name="conv"/> applied to <paramref name="input"/>: through <see cref="Compute"/> when it is 1×1, unpadded and ungrouped
    /// and the input is on the CPU (oneDNN's domain), by the module itself otherwise.
    /// </summary>
    public static Tensor Forward(Conv2d conv, Tensor input) =>
        IsPointwise(conv) && input.device_type == DeviceType.CPU ? Compute(input, conv.weight!, conv.bias, conv.stride[0]) : conv.forward(input);

    /// <summary>
    /// A square, ungrouped 2-d convolution as the networks compute it: through <see cref="Compute"/> when the kernel is 1×1 and the
    /// padding 0, by <c>conv2d</c> otherwise. The start-up self-check and the primitive audit test this function.
    /// </summary>
    public static Tensor Convolve(Tensor input, Tensor weight, long stride, long padding) =>
        weight.shape[2] == 1 && weight.shape[3] == 1 && padding == 0
            ? Compute(input, weight, null, stride)
            : nn.functional.conv2d(input, weight, strides: [stride, stride], padding: [padding, padding]);

    /// <summary>Every <paramref name="stride"/>-th row and column of <paramref name="input"/>, times the [out, in] weight matrix.</summary>
    public static Tensor Compute(Tensor input, Tensor weight, Tensor? bias, long stride)
    {
        using var scope = NewDisposeScope();
        var x = stride == 1 ? input : input.slice(2, 0, input.shape[2], stride).slice(3, 0, input.shape[3], stride);
        // [N, H', W', C] · [C, O] → [N, H', W', O], viewed back as [N, O, H', W'] (channels-last strides).
        var y = nn.functional.linear(x.permute(0, 2, 3, 1), weight.flatten(1), bias);
        return y.permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }

    /// <summary>Whether <paramref name="conv"/> is 1×1, unpadded and ungrouped, with the same stride in both directions.</summary>
    public static bool IsPointwise(Conv2d conv) =>
        conv.kernel_size is [1, 1] && conv.stride is [var sy, var sx] && sy == sx && conv.groups == 1 &&
        conv.padding_type is null && conv.padding is [0, 0];
}
