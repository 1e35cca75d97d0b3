using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// Turns the options and the feature column into a concrete network layout and input normalisation, checking that they fit together.
/// <see cref="DeepSvddNetwork.Auto"/>: plain vectors (and images smaller than 8×8) get the MLP; 3-channel images get the pretrained ResNet-18
/// (as in the paper), and training fails with <see cref="FileNotFoundException"/> when ML.NET's ResNet18.onnx cannot be found, so that
/// the same code never trains another network on another machine; other images get LeNet.
/// </summary>
internal static class NetworkResolver
{
    /// <param name="Spec">The network layout, input resolution included.</param>
    /// <param name="Normalization">The input normalisation.</param>
    /// <param name="FrozenStages">How many leading backbone stages stay frozen (<see cref="BackboneStage"/> as a number).</param>
    /// <param name="FreezeBatchNorm">Whether BatchNorm layers keep their statistics during training.</param>
    /// <param name="LearningRate">The learning rate of φ (<see cref="DeepSvddTrainer.Options.LearningRate"/>, resolved).</param>
    public sealed record Resolved(NetworkSpec Spec, InputNormalization Normalization, int FrozenStages = 0, bool FreezeBatchNorm = false,
        float LearningRate = (float)DeepSvddTrainer.Defaults.LearningRate);

    /// <summary>The network of Deep SVDD's options.</summary>
    public static Resolved Resolve(DeepSvddTrainer.Options options, FeatureColumn feature) => Resolve(NetworkRequest.From(options), feature);

    public static Resolved Resolve(NetworkRequest options, FeatureColumn feature)
    {
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
                }
                catch (FileNotFoundException e)
                {
                    throw new FileNotFoundException(
                        $"Network = Auto trains the pretrained ResNet-18 on 3-channel images such as feature column '{feature.Name}', but its " +
                        "weights were not found. " + e.Message + " Or choose the network explicitly, e.g. Network = LeNet (from scratch).",
                        e.FileName, e);
                }
                kind = DeepSvddNetwork.ResNet18Pretrained;
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

        bool pretrained = kind == DeepSvddNetwork.ResNet18Pretrained || (kind == DeepSvddNetwork.ResNet18 && options.PretrainedWeightsPath is not null);
        int? resolution = Resolution(options, feature, kind);
        var freeze = options.FreezeThrough ?? (pretrained ? DeepSvddTrainer.Defaults.PretrainedFreezeThrough : BackboneStage.None);
        if (freeze != BackboneStage.None && !isResNet)
        {
            throw new ArgumentException($"FreezeThrough = {freeze} freezes stages of a ResNet, but the network is {kind}. " +
                "Set FreezeThrough = BackboneStage.None (or null), or use Network = ResNet18Pretrained.", nameof(options.FreezeThrough));
        }

        var branches = options.Representation;
        if (branches == DeepSvddRepresentation.Auto)
            branches = isResNet ? DeepSvddTrainer.Defaults.ImageRepresentation : DeepSvddRepresentation.Pooled;
        if (branches != DeepSvddRepresentation.Pooled && !isResNet)
        {
            throw new ArgumentException($"Representation = {branches} scores the feature maps of a ResNet's layer1, but the network is {kind}. " +
                "Use Network = ResNet18Pretrained (or ResNet18) on 3-channel images, or Representation = Pooled.", "Representation");
        }
        int representation = options.RepresentationDimension ?? (kind == DeepSvddNetwork.Mlp
            ? DeepSvddTrainer.Defaults.MlpRepresentationDimension : DeepSvddTrainer.Defaults.ImageRepresentationDimension);
        var shape = kind == DeepSvddNetwork.Mlp ? new[] { feature.Size } : feature.Shape;
        var spec = new NetworkSpec(kind, shape, representation, options.UseBias, kind == DeepSvddNetwork.Mlp ? [.. options.HiddenLayers] : [],
            UseMaxPool: options.UseMaxPool, BgrInput: normalization == InputNormalization.ImageNetBgrMean, Resolution: resolution,
            Representation: branches, PatchStage: ResNet.DefaultPatchStage);
        float learningRate = (float)(options.LearningRate
            ?? (pretrained ? DeepSvddTrainer.Defaults.FineTuningLearningRate : DeepSvddTrainer.Defaults.LearningRate));
        return new Resolved(spec, normalization, (int)freeze, options.FreezeBatchNorm ?? pretrained, learningRate);
    }

    /// <summary>The side images are resized to inside the network, or null for none (see <see cref="DeepSvddTrainer.Options.InputResolution"/>).</summary>
    private static int? Resolution(NetworkRequest options, FeatureColumn feature, DeepSvddNetwork kind)
    {
        if (options.InputResolution is not int side)
        {
            int native = DeepSvddTrainer.Defaults.PretrainedResolution;
            return kind == DeepSvddNetwork.ResNet18Pretrained && Math.Max(feature.Shape[1], feature.Shape[2]) < native ? native : null;
        }
        if (kind == DeepSvddNetwork.Mlp)
        {
            throw new ArgumentException($"InputResolution = {side} resizes images, but feature column '{feature.Name}' is fed to the Mlp as a " +
                $"plain vector of {feature.Size} values. Leave InputResolution null, or give the column an image shape (ImageShape or ExtractPixels).",
                nameof(options.InputResolution));
        }
        int minimum = kind == DeepSvddNetwork.LeNet ? 8 : 16;
        if (side < minimum)
        {
            throw new ArgumentException($"InputResolution = {side} is too small for Network = {kind}: it needs at least {minimum}×{minimum} pixels.",
                nameof(options.InputResolution));
        }
        return side == feature.Shape[1] && side == feature.Shape[2] ? null : side;
    }
}
