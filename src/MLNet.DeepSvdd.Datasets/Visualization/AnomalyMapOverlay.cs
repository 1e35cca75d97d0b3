using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Datasets.Visualization;

/// <summary>
/// Pictures of where a model sees an anomaly: the image, its anomaly map as a heat map over it, and its predicted mask outlined on it, side
/// by side. Maps are a Deep SVDD patch model's <c>AnomalyMap</c> column (0.5 = the map threshold, the same scale for every image), so a normal
/// image stays cool. Images are planar [channels, height, width] in 0–255, as ML.NET's <c>ExtractPixels</c> and the CIFAR-10 reader give them.
/// </summary>
/// <example>
/// <code>
/// var rows = scored.GetColumn&lt;float[]&gt;("Image").Zip(scored.GetColumn&lt;float[]&gt;("AnomalyMap")).ToList();
/// AnomalyMapOverlay.Save("overlays.png", rows.Select(r => r.First).ToList(), rows.Select(r => r.Second).ToList(), 3, 32, 32, scale: 4);
/// </code>
/// </example>
public static class AnomalyMapOverlay
{
    /// <summary>The map value drawn at full heat: twice the threshold.</summary>
    public const float FullHeat = 1f;

    /// <summary>The map value at the mask's threshold: 0.5.</summary>
    public const float MaskThreshold = 0.5f;

    /// <summary>
    /// The heat map over the image, as a planar RGB image: each pixel is half the image (in grey) and half the colour of its map value on a
    /// blue–cyan–yellow–red scale from 0 to <see cref="FullHeat"/> (clamped; yellow at the threshold 0.5; a NaN or infinite value is red).
    /// </summary>
    /// <param name="image">The image, planar [channels, height, width], 0–255.</param>
    /// <param name="map">The anomaly map, height × width values, row-major.</param>
    /// <param name="channels">1 (grey) or 3 (RGB).</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    /// <returns>A planar [3, height, width] image in 0–255.</returns>
    public static float[] Heat(float[] image, float[] map, int channels, int height, int width)
    {
        Check(image, map, channels, height, width);
        int plane = height * width;
        var result = new float[3 * plane];
        for (int p = 0; p < plane; p++)
        {
            float grey = Grey(image, p, plane, channels);
            var (r, g, b) = Colour(map[p]);
            result[p] = 0.5f * grey + 0.5f * r;
            result[plane + p] = 0.5f * grey + 0.5f * g;
            result[2 * plane + p] = 0.5f * grey + 0.5f * b;
        }
        return result;
    }

    /// <summary>
    /// The predicted mask on the image, as a planar RGB image: pixels whose map value is above <see cref="MaskThreshold"/> (or not a number)
    /// are tinted red, and the mask's border (mask pixels with a 4-neighbour outside it or on the image's edge) is pure red.
    /// </summary>
    /// <param name="image">The image, planar [channels, height, width], 0–255.</param>
    /// <param name="map">The anomaly map, height × width values, row-major.</param>
    /// <param name="channels">1 (grey) or 3 (RGB).</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    /// <returns>A planar [3, height, width] image in 0–255.</returns>
    public static float[] Mask(float[] image, float[] map, int channels, int height, int width)
    {
        Check(image, map, channels, height, width);
        int plane = height * width;
        var result = new float[3 * plane];
        bool In(int y, int x) => y >= 0 && y < height && x >= 0 && x < width && !(map[y * width + x] <= MaskThreshold);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int p = y * width + x;
                float r = Channel(image, 0, p, plane, channels), g = Channel(image, 1, p, plane, channels), b = Channel(image, 2, p, plane, channels);
                if (In(y, x))
                {
                    bool border = !In(y - 1, x) || !In(y + 1, x) || !In(y, x - 1) || !In(y, x + 1);
                    (r, g, b) = border ? (255f, 0f, 0f) : (0.5f * r + 127.5f, 0.5f * g, 0.5f * b);
                }
                result[p] = r;
                result[plane + p] = g;
                result[2 * plane + p] = b;
            }
        }
        return result;
    }

    /// <summary>
    /// Writes a PNG with one row per image: the image, its heat map (<see cref="Heat"/>) and its mask (<see cref="Mask"/>), each pixel
    /// repeated <paramref name="scale"/> × <paramref name="scale"/> times.
    /// </summary>
    /// <param name="path">The PNG file to write (overwritten).</param>
    /// <param name="images">The images, planar [channels, height, width], 0–255.</param>
    /// <param name="maps">Their anomaly maps, height × width values each.</param>
    /// <param name="channels">1 (grey) or 3 (RGB).</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    /// <param name="scale">Pixel repetition, at least 1. Default 4.</param>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or an image or map has the wrong size.</exception>
    public static void Save(string path, IReadOnlyList<float[]> images, IReadOnlyList<float[]> maps, int channels, int height, int width,
        int scale = 4)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllBytes(path, Encode(images, maps, channels, height, width, scale));
    }

    /// <summary>The PNG bytes of <see cref="Save"/>.</summary>
    /// <param name="images">The images, planar [channels, height, width], 0–255.</param>
    /// <param name="maps">Their anomaly maps, height × width values each.</param>
    /// <param name="channels">1 (grey) or 3 (RGB).</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    /// <param name="scale">Pixel repetition, at least 1. Default 4.</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or an image or map has the wrong size.</exception>
    public static byte[] Encode(IReadOnlyList<float[]> images, IReadOnlyList<float[]> maps, int channels, int height, int width, int scale = 4)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(maps);
        if (images.Count != maps.Count) throw new ArgumentException($"{images.Count} images but {maps.Count} maps: give one map per image.", nameof(maps));
        var colour = images.Select(i => channels == 3 ? i : Rgb(i, height * width)).ToList();
        var heat = images.Select((image, i) => Heat(image, maps[i], channels, height, width)).ToList();
        var mask = images.Select((image, i) => Mask(image, maps[i], channels, height, width)).ToList();
        return AnomalyGrid.Encode(colour, [heat, mask], 3, height, width, scale);
    }

    /// <summary>The heat colour of a map value: blue (0) → cyan → yellow (0.5) → red (<see cref="FullHeat"/> and above).</summary>
    internal static (float R, float G, float B) Colour(float value)
    {
        if (!float.IsFinite(value)) return (255, 0, 0);
        float t = Math.Clamp(value / FullHeat, 0f, 1f);
        return t < 0.25f ? (0, 255 * t / 0.25f, 255)
            : t < 0.5f ? (255 * (t - 0.25f) / 0.25f, 255, 255 * (0.5f - t) / 0.25f)
            : (255, 255 * (1 - t) / 0.5f, 0);
    }

    private static float Grey(float[] image, int p, int plane, int channels) =>
        channels == 1 ? image[p] : 0.299f * image[p] + 0.587f * image[plane + p] + 0.114f * image[2 * plane + p];

    private static float Channel(float[] image, int c, int p, int plane, int channels) => image[(channels == 1 ? 0 : c) * plane + p];

    private static float[] Rgb(float[] grey, int plane) => [.. grey, .. grey, .. grey];

    private static void Check(float[] image, float[] map, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(map);
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Overlays show 1-channel (grey) or 3-channel (RGB) images.");
        if (height < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(height), $"Image size must be positive; got {height} × {width}.");
        if (image.Length != channels * height * width)
            throw new ArgumentException($"The image has {image.Length} values; [{channels}, {height}, {width}] needs {channels * height * width}.", nameof(image));
        if (map.Length != height * width)
            throw new ArgumentException($"The map has {map.Length} values; a {height} × {width} image needs {height * width}.", nameof(map));
    }
}
