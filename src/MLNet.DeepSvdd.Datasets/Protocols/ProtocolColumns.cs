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
}
