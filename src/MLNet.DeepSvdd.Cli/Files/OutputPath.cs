namespace MLNet.DeepSvdd.Cli.Files;

/// <summary>
/// Checks where a command will write before it does any work (training, scoring), so a bad destination is refused in a second rather
/// than after an hour: the path is not a folder (for a file) or not a file (for a folder), its folder exists or can be created, and a
/// file can be created in it.
/// </summary>
public static class OutputPath
{
    /// <summary>Checks that <paramref name="path"/> can be written as a file; creates its parent folder when missing.</summary>
    /// <param name="path">The destination file.</param>
    /// <param name="option">The option that named it (e.g. <c>--model</c>), for the message.</param>
    /// <returns>The absolute path.</returns>
    /// <exception cref="ArgumentException">The path is empty, is a folder, or its folder cannot be created or written; the message names the option.</exception>
    public static string CheckFile(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{option} needs a file path.");
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new ArgumentException($"{option} '{path}' is a folder; expected a file path (a file inside it, or another name).");
        if (Path.EndsInDirectorySeparator(path)) throw new ArgumentException($"{option} '{path}' ends with a path separator; expected a file path.");
        CheckWritableFolder(Path.GetDirectoryName(full)!, option, path);
        return full;
    }

    /// <summary>Checks that <paramref name="folder"/> is (or can be created as) a writable folder, and creates it.</summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="option">The option that named it (e.g. <c>--out</c>), for the message.</param>
    /// <returns>The absolute path.</returns>
    /// <exception cref="ArgumentException">The path is empty, is a file, or cannot be created or written; the message names the option.</exception>
    public static string CheckFolder(string folder, string option)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new ArgumentException($"{option} needs a folder path.");
        string full = Path.GetFullPath(folder);
        if (File.Exists(full)) throw new ArgumentException($"{option} '{folder}' is a file; expected a folder to write into.");
        CheckWritableFolder(full, option, folder);
        return full;
    }

    private static void CheckWritableFolder(string folder, string option, string given)
    {
        for (string? ancestor = folder; ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
            if (File.Exists(ancestor)) throw new ArgumentException($"{option} '{given}': '{ancestor}' is a file, so the folder '{folder}' cannot be created.");
        try
        {
            Directory.CreateDirectory(folder);
            string probe = AtomicFile.TemporaryPathFor(Path.Combine(folder, "write-check"));
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{option} '{given}': cannot write in the folder '{folder}' ({e.Message}).", e);
        }
    }
}
