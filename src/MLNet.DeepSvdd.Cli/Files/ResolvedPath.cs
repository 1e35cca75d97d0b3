namespace MLNet.DeepSvdd.Cli.Files;

/// <summary>
/// The file a path names once every symbolic link on the way is followed (the folders' and the file's own), so that two spellings of
/// one file (<c>m.zip</c>, <c>./dir/../m.zip</c>, a link to it, a path through a linked folder) compare equal. Used to refuse a command
/// whose output would overwrite its own input. Hard links are not detected (.NET exposes no inode).
/// </summary>
public static class ResolvedPath
{
    private const int MaxLinks = 40; // as Linux's ELOOP limit

    /// <summary>The absolute path of <paramref name="path"/> with every symbolic link followed; the parts that do not exist yet are kept as written.</summary>
    /// <param name="path">Any path, relative to the current folder or absolute.</param>
    /// <exception cref="IOException">More than 40 links on the way (a loop).</exception>
    public static string Of(string path)
    {
        int links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> name the same file (after <see cref="Of"/>; case-insensitive on Windows and macOS).</summary>
    public static bool Same(string a, string b) => string.Equals(Of(a), Of(b), Comparison);

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> itself or lies under it, links followed.</summary>
    public static bool IsUnder(string path, string folder)
    {
        string resolved = Of(path), root = Path.TrimEndingDirectorySeparator(Of(folder));
        return string.Equals(resolved, root, Comparison) ||
               resolved.StartsWith(root + Path.DirectorySeparatorChar, Comparison);
    }

    private static StringComparison Comparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static string Resolve(string full, ref int links)
    {
        string root = Path.GetPathRoot(full) ?? "";
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            if (part.Length == 0) continue;
            string next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target)
            {
                if (++links > MaxLinks) throw new IOException($"Too many levels of symbolic links in '{full}'.");
                next = Resolve(Path.GetFullPath(target, current), ref links);
            }
            current = next;
        }
        return current;
    }
}
