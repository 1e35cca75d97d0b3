using SkiaSharp;

namespace OnnxScoring;

/// <summary>
/// The pixels a Deep SVDD image model was trained on, made without ML.NET: what <c>LoadImages → ResizeImages(width, height) →
/// ExtractPixels</c> gives with their defaults (the pipeline of <c>deepsvdd train --images</c> and of docs/getting-started.md).
/// <list type="bullet">
/// <item>decode the file with SkiaSharp (ML.NET's decoder);</item>
/// <item>resize like <c>ResizeImages</c>' default (<c>IsoCrop</c>, centre anchor): scale the image so it covers width × height
/// (by the larger of the two ratios), centre it, crop what sticks out, drawn with high filter quality onto an opaque bitmap;</item>
/// <item>extract like <c>ExtractPixels</c>' default: planar R, then G, then B planes, values 0–255 (no offset, no scale, no alpha).</item>
/// </list>
/// </summary>
public static class ImagePixels
{
    /// <summary>The planar RGB values (3 · height · width, 0–255) of the image file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an image SkiaSharp can decode.</exception>
    public static float[] Load(string path, int width, int height)
    {
        using var decoded = SKBitmap.Decode(path) ?? throw new InvalidDataException($"'{path}' is not an image SkiaSharp can decode.");
        using var resized = CoverAndCrop(decoded, width, height);
        var values = new float[3 * width * height];
        int plane = width * height;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var color = resized.GetPixel(x, y);
                int i = y * width + x;
                values[i] = color.Red;
                values[plane + i] = color.Green;
                values[2 * plane + i] = color.Blue;
            }
        }
        return values;
    }

    /// <summary>The image scaled to cover <paramref name="width"/> × <paramref name="height"/>, centred and cropped.</summary>
    private static SKBitmap CoverAndCrop(SKBitmap image, int width, int height)
    {
        float widthRatio = (float)width / image.Width, heightRatio = (float)height / image.Height;
        float ratio = Math.Max(widthRatio, heightRatio);
        int left = heightRatio < widthRatio ? 0 : (int)((width - image.Width * ratio) / 2);
        int top = heightRatio < widthRatio ? (int)((height - image.Height * ratio) / 2) : 0;
        var target = new SKBitmap(width, height, isOpaque: true);
        using var canvas = new SKCanvas(target);
        using var paint = new SKPaint { FilterQuality = SKFilterQuality.High };
        canvas.DrawBitmap(image, new SKRect(0, 0, image.Width, image.Height),
            new SKRect(left, top, left + (int)(image.Width * ratio), top + (int)(image.Height * ratio)), paint);
        return target;
    }
}
