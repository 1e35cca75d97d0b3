namespace MLNet.DeepSvdd.Tests.Datasets;

/// <summary>Real CIFAR-10 test images for the alteration tests, and pixel helpers for planar [3, 32, 32] images.</summary>
public static class AlterationImages
{
    public const int Channels = 3, Height = 32, Width = 32, Plane = Height * Width;

    /// <summary>The first <paramref name="count"/> images of the official test batch.</summary>
    public static List<float[]> First(int count)
    {
        var test = Support.Cifar10Data.Dataset.Test;
        return [.. Enumerable.Range(0, count).Select(i => test[i].Image)];
    }

    /// <summary>The RGB value of pixel p (row-major index y·32 + x).</summary>
    public static (float R, float G, float B) Rgb(float[] image, int p) => (image[p], image[Plane + p], image[2 * Plane + p]);

    /// <summary>The pixels (row-major indices) whose RGB value differs between the two images.</summary>
    public static List<int> ChangedPixels(float[] original, float[] altered) =>
        [.. Enumerable.Range(0, Plane).Where(p => Rgb(original, p) != Rgb(altered, p))];

    /// <summary>The image's RGB triples, sorted: equal for two images exactly when they hold the same multiset of pixels.</summary>
    public static List<(float, float, float)> SortedPixels(float[] image) => [.. Enumerable.Range(0, Plane).Select(p => Rgb(image, p)).Order()];
}
