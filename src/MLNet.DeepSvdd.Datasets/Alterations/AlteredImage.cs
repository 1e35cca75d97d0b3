namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>An altered image with the ground-truth mask of its defect (<see cref="ImageAlteration.ApplyWithMask(ReadOnlySpan{float}, int, int, int, int)"/>).</summary>
/// <param name="Pixels">The altered image, planar [channels, height, width] like the input.</param>
/// <param name="Mask">
/// One value per pixel, row-major (pixel (x, y) at <c>y·width + x</c>), the same for every channel: true where the alteration put its defect,
/// false where the image is natural. Which pixels count is documented by each alteration.
/// </param>
public sealed record AlteredImage(float[] Pixels, bool[] Mask);
