namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// One CIFAR-10 image as an ML.NET row: the pixels in the layout ML.NET's <c>ExtractPixels</c> produces by default (planar
/// channel × height × width, red then green then blue, values 0–255), the class index and the class name.
/// </summary>
public sealed class Cifar10Image
{
    /// <summary>Colour channels per image (red, green, blue).</summary>
    public const int Channels = 3;

    /// <summary>Image height in pixels.</summary>
    public const int Height = 32;

    /// <summary>Image width in pixels.</summary>
    public const int Width = 32;

    /// <summary>Values per image: <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/> = 3072.</summary>
    public const int PixelCount = Channels * Height * Width;

    /// <summary>Number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>
    /// The pixels, planar [3, 32, 32]: value (c, y, x) is at <c>c·1024 + y·32 + x</c>, channel 0 red, 1 green, 2 blue; each value is the
    /// raw byte 0–255 as a float (no scaling).
    /// </summary>
    [VectorType(Channels, Height, Width)]
    public float[] Image { get; set; } = [];

    /// <summary>The class index, 0–9, in the order of <see cref="Cifar10Dataset.ClassNames"/>.</summary>
    public int Class { get; set; }

    /// <summary>The class name ("airplane" … "truck").</summary>
    public string ClassName { get; set; } = "";
}
