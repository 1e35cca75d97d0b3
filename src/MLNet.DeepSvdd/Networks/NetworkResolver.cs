using MLNet.DeepSvdd.Data;
using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// Turns the options and the feature column into a concrete network layout and input normalisation, checking that they fit together.
/// <see cref="DeepSvddNetwork.Auto"/>: plain vectors get the MLP; 3-channel images get the pretrained ResNet-18 when ML.NET's ResNet18.onnx
/// can be found (as in the paper), otherwise LeNet (with a note saying how to get the ResNet); other images get LeNet.
/// </summary>
internal static class NetworkResolver
{
    public sealed record Resolved(NetworkSpec Spec, InputNormalization Normalization, string? Note);

    public static Resolved Resolve(DeepSvddTrainer.Options options, FeatureColumn feature)
    {
        string? note = null;
        var kind = options.Network;
        if (kind == DeepSvddNetwork.Auto)
        {
            if (!feature.IsImage || feature.Shape[1] < 8 || feature.Shape[2] < 8) kind = DeepSvddNetwork.Mlp;
            else if (feature.Shape[0] != 3) kind = DeepSvddNetwork.LeNet;
            else
            {
                try
                {
                    ResNet18ImageNet.Locate(options.PretrainedWeightsPath);
                    kind = DeepSvddNetwork.ResNet18Pretrained;
                }
                catch (FileNotFoundException e)
                {
                    kind = DeepSvddNetwork.LeNet;
                    note = "Network = Auto chose LeNet for these images because the pretrained ResNet-18 was not found. " + e.Message;
                }
            }
        }

        bool isResNet = kind is DeepSvddNetwork.ResNet18 or DeepSvddNetwork.ResNet18Pretrained;
        if (kind == DeepSvddNetwork.LeNet && (!feature.IsImage || feature.Shape[1] < 8 || feature.Shape[2] < 8))
        {
            throw new ArgumentException(
                $"Network = LeNet needs an image of at least 8×8 pixels, but feature column '{feature.Name}' has shape [{string.Join(", ", feature.Shape)}]. " +
                "Set ImageShape = [channels, height, width] for a flat pixel vector, or use Network = Mlp.", nameof(options.Network));
        }
        if (isResNet && (!feature.IsImage || feature.Shape[0] != 3 || feature.Shape[1] < 16 || feature.Shape[2] < 16))
        {
            throw new ArgumentException(
                $"Network = {kind} needs a 3-channel image of at least 16×16 pixels, but feature column '{feature.Name}' has shape " +
                $"[{string.Join(", ", feature.Shape)}]. Produce [3, H, W] pixels with ExtractPixels, or set ImageShape for a flat pixel vector.",
                nameof(options.Network));
        }

        var normalization = options.InputNormalization;
        if (normalization == InputNormalization.Auto)
        {
            normalization = kind switch
            {
                DeepSvddNetwork.ResNet18Pretrained => InputNormalization.ImageNetBgrMean,
                DeepSvddNetwork.ResNet18 => InputNormalization.ImageNet,
                _ => InputNormalization.Standardize,
            };
        }
        if (normalization is InputNormalization.ImageNet or InputNormalization.ImageNetBgrMean && (!feature.IsImage || feature.Shape[0] != 3))
        {
            throw new ArgumentException($"InputNormalization = {normalization} needs 3-channel (RGB) images, but feature column '{feature.Name}' " +
                $"has shape [{string.Join(", ", feature.Shape)}].", nameof(options.InputNormalization));
        }

        int representation = options.RepresentationDimension ?? (kind == DeepSvddNetwork.Mlp ? 32 : 128);
        var shape = kind == DeepSvddNetwork.Mlp ? new[] { feature.Size } : feature.Shape;
        var spec = new NetworkSpec(kind, shape, representation, options.UseBias, kind == DeepSvddNetwork.Mlp ? [.. options.HiddenLayers] : [],
            UseMaxPool: options.UseMaxPool, BgrInput: normalization == InputNormalization.ImageNetBgrMean);
        return new Resolved(spec, normalization, note);
    }
}
