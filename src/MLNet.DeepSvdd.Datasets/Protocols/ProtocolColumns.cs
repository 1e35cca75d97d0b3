namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>The column names of the views the protocols return.</summary>
public static class ProtocolColumns
{
    /// <summary>The pixels (views over in-memory images such as CIFAR-10): vector of Single [C, H, W], planar RGB, values 0–255.</summary>
    public const string Image = "Image";

    /// <summary>The file path (views over image folders): Text, absolute, for <c>LoadImages(…, imageFolder: null, "ImagePath")</c>.</summary>
    public const string ImagePath = "ImagePath";

    /// <summary>Single: 0 = normal, 1 = anomaly, NaN = unlabeled (training rows of the semi-supervised protocols).</summary>
    public const string Label = "Label";

    /// <summary>Int32: the class of the natural image the row shows or was altered from.</summary>
    public const string Class = "Class";

    /// <summary>Text: the name of <see cref="Class"/> (views over image folders).</summary>
    public const string ClassName = "ClassName";

    /// <summary>
    /// The ground-truth defect mask (views of the image alteration protocols, every part): vector of Single [H, W], 1 where the row's
    /// alteration put its defect (see <see cref="Alterations.ImageAlteration.ApplyWithMask(ReadOnlySpan{float}, int, int, int, int)"/>),
    /// 0 elsewhere; all 0 for natural images. What <c>EvaluateLocalization</c> compares anomaly maps with. The one-vs-all protocols have no
    /// such column: a whole image of another class has no defect region.
    /// </summary>
    public const string Mask = "Mask";
}
