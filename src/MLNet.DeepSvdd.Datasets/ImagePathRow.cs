namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// A row of the views over image files (<see cref="ImageFolderSource"/> and the protocols on image folders): the file and its labels.
/// Decode it in the pipeline: <c>LoadImages("Image", imageFolder: null, "ImagePath") → ResizeImages → ExtractPixels</c>.
/// </summary>
public sealed class ImagePathRow
{
    /// <summary>The image file's absolute path.</summary>
    public string ImagePath { get; set; } = "";

    /// <summary>0 = normal, 1 = anomaly, NaN = unlabeled.</summary>
    public float Label { get; set; }

    /// <summary>The class index (the folder's position among the class folders; 0 in a flat folder).</summary>
    public int Class { get; set; }

    /// <summary>The class name (the class folder's name; the folder's own name in a flat folder).</summary>
    public string ClassName { get; set; } = "";
}
