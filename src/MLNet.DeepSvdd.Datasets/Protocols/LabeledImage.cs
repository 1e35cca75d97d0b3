namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>A row of a pixel view: where its bytes are (one byte per value, planar [C, H, W]), its label and its class.</summary>
/// <param name="Pixels">The array holding the image's bytes (CIFAR-10 records, or a pool of altered images).</param>
/// <param name="Offset">Where the image starts in <paramref name="Pixels"/>.</param>
/// <param name="Label">0 normal, 1 anomaly, NaN unlabeled.</param>
/// <param name="Class">The class of the natural image.</param>
/// <param name="Mask">The array holding the row's defect mask (height · width values, row-major), or null for a natural image (no defect).</param>
/// <param name="MaskOffset">Where the mask starts in <paramref name="Mask"/>.</param>
internal readonly record struct LabeledImage(byte[] Pixels, int Offset, float Label, int Class, bool[]? Mask = null, int MaskOffset = 0);
