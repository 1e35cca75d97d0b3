namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// The resize of a network's input stage: a batch of images [N, C, H, W] to [N, C, side, side], bilinear with half-pixel centres
/// (align_corners = false, the convention of ML.NET's ResizeImages, PIL and torchvision), antialiased when an image shrinks. Used by
/// Deep SVDD's <see cref="FeatureMap"/> (<see cref="DeepSvddTrainer.Options.InputResolution"/>) and by the ResNet18Features extractor,
/// so the deep detector and the shallow baselines see the same images.
/// </summary>
internal static class ImageResize
{
    /// <summary><paramref name="images"/> resized to <paramref name="side"/>×<paramref name="side"/>; as they are when null or already that size.</summary>
    public static Tensor Apply(Tensor images, int? side)
    {
        if (side is not int s || images.dim() != 4 || (images.shape[2] == s && images.shape[3] == s)) return images;
        return nn.functional.interpolate(images, size: [s, s], mode: InterpolationMode.Bilinear, align_corners: false,
            antialias: images.shape[2] > s || images.shape[3] > s);
    }
}
