using SkiaSharp;

namespace OnnxScoring;

/// <summary>
/// The images of a folder as <c>deepsvdd score --images</c> takes them: every png/jpg/bmp/gif/webp file under the folder at any depth,
/// hidden files and folders (starting with '.') left out, in ordinal path order; a linked folder is followed, but each real folder is
/// listed once, so a link back up the tree does not loop. <see cref="Problem"/> says why a file cannot be scored (not an image, corrupt,
/// truncated), as the command line's decode check does.
/// </summary>
public static class ImageFiles
{
    /// <summary>The file extensions listed (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>Every image file under <paramref name="folder"/> (absolute paths, ordinal order), without decoding them.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<string> List(string folder)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"The image folder '{folder}' does not exist.");
        var files = new List<string>();
        var visited = new HashSet<string>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<(string Path, string Real)>([(root, RealFolder(root, Path.GetDirectoryName(root)))]);
        while (pending.Count > 0)
        {
            var (directory, real) = pending.Pop();
            if (!visited.Add(real)) continue; // listed already: through another link, or a link back up the tree
            files.AddRange(Directory.EnumerateFiles(directory)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Where(f => Extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))));
            foreach (string sub in Directory.EnumerateDirectories(directory).Where(d => !Path.GetFileName(d).StartsWith('.')))
                pending.Push((sub, RealFolder(sub, real)));
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The real path of folder <paramref name="path"/> whose parent's real path is <paramref name="realParent"/>: a link is followed to its final target.</summary>
    private static string RealFolder(string path, string? realParent)
    {
        var target = Directory.ResolveLinkTarget(path, returnFinalTarget: true);
        if (target is not null) return Path.TrimEndingDirectorySeparator(target.FullName);
        return realParent is null ? path : Path.Combine(realParent, Path.GetFileName(path));
    }

    /// <summary>Why <paramref name="path"/> cannot be scored, or null when it decodes completely (SkiaSharp; a truncated file is a problem, not a partial image).</summary>
    public static string? Problem(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length == 0) return "the file is empty";
            using var codec = SKCodec.Create(stream, out var opened);
            if (codec is null) return $"not an image SkiaSharp can decode ({opened})";
            var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            if (info.Width <= 0 || info.Height <= 0) return $"invalid size {info.Width}×{info.Height}";
            using var bitmap = new SKBitmap(info);
            var result = codec.GetPixels(info, bitmap.GetPixels());
            return result switch
            {
                SKCodecResult.Success => null,
                SKCodecResult.IncompleteInput => "truncated: the file ends before the image data does",
                _ => $"corrupt image data ({result})",
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return $"cannot be read ({e.Message})";
        }
    }
}
