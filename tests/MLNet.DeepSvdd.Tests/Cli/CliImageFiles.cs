using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>Image files for the CLI tests: CIFAR-10 images as 32×32 PNGs, and broken files (truncated PNG, not an image).</summary>
internal static class CliImageFiles
{
    private const int Plane = 32 * 32;

    /// <summary>Writes <paramref name="images"/> as <c>&lt;prefix&gt;NNNN.png</c> into <paramref name="folder"/>; returns the paths.</summary>
    public static List<string> Write(string folder, IEnumerable<Cifar10Image> images, string prefix = "")
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        int index = 0;
        foreach (var image in images)
        {
            string path = Path.Combine(folder, $"{prefix}{index++:D4}.png");
            File.WriteAllBytes(path, Png(image));
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>The PNG file content of a CIFAR-10 image.</summary>
    public static byte[] Png(Cifar10Image image)
    {
        var rgb = new byte[3 * Plane];
        for (int p = 0; p < Plane; p++)
            for (int c = 0; c < 3; c++) rgb[3 * p + c] = (byte)image.Image[c * Plane + p];
        return PngEncoder.Encode(rgb, 32, 32, 3);
    }

    /// <summary>The first <paramref name="count"/> training images of CIFAR-10 class <paramref name="cifarClass"/>, skipping <paramref name="skip"/>.</summary>
    public static IEnumerable<Cifar10Image> OfClass(int cifarClass, int count, int skip = 0)
    {
        var train = Cifar10Data.Dataset.Train;
        return Enumerable.Range(0, train.Count).Where(i => train[i].Class == cifarClass).Skip(skip).Take(count).Select(i => train[i]);
    }

    /// <summary>A PNG cut to the first half of its bytes (a download or copy that stopped midway).</summary>
    public static void WriteTruncatedPng(string path, Cifar10Image image)
    {
        var bytes = Png(image);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
    }
}
