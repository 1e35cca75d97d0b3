using SkiaSharp;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// Decodes an image file completely (SkiaSharp, the decoder behind ML.NET's <c>LoadImages</c>) to find files that would fail or be
/// read wrong in the pipeline: not an image, corrupt data, or a truncated file, which SkiaSharp otherwise decodes partially (the
/// missing rows filled in) without an error.
/// </summary>
internal static class ImageDecodeCheck
{
    /// <summary>Why <paramref name="path"/> cannot be used as an image, or null when it decodes completely.</summary>
    public static string? Problem(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length == 0) return "the file is empty";
            using var codec = SKCodec.Create(stream, out var opened);
            if (codec is null) return $"not an image SkiaSharp can decode as png, jpg, bmp, gif or webp ({Describe(opened)})";
            var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            if (info.Width <= 0 || info.Height <= 0) return $"invalid size {info.Width}×{info.Height}";
            using var bitmap = new SKBitmap(info);
            var result = codec.GetPixels(info, bitmap.GetPixels());
            return result == SKCodecResult.Success ? null : Describe(result);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return $"cannot be read ({e.Message})";
        }
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "truncated: the file ends before the image data does",
        SKCodecResult.ErrorInInput => "corrupt image data",
        SKCodecResult.InvalidInput => "invalid image data",
        SKCodecResult.Unimplemented => "an image format or variant the decoder does not support",
        _ => $"decoder result {result}",
    };
}
