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

    /// <summary>
    /// Refuses an output that is the command's own input: <paramref name="output"/> and <paramref name="input"/> name the same file once
    /// both are resolved (relative parts, <c>..</c>, symbolic links of the file or of a folder on the way), so a command never replaces
    /// what it reads.
    /// </summary>
    /// <param name="output">The destination file.</param>
    /// <param name="outputOption">The option that named it (e.g. <c>--onnx</c>).</param>
    /// <param name="input">A file the command reads.</param>
    /// <param name="inputOption">The option that named the input (e.g. <c>--model</c>).</param>
    /// <exception cref="ArgumentException">Both name the same file; the message names both options.</exception>
    public static void CheckNotInput(string output, string outputOption, string input, string inputOption)
    {
        if (string.IsNullOrWhiteSpace(output) || string.IsNullOrWhiteSpace(input)) return;
        if (ResolvedPath.Same(output, input))
            throw new ArgumentException($"{outputOption} '{output}' is the same file as {inputOption} '{input}' ({ResolvedPath.Of(input)}): writing it would " +
                $"replace the {inputOption[2..]} the command reads. Choose another {outputOption} path.");
    }

    /// <summary>Refuses an output folder that is <paramref name="inputFolder"/> or lies inside it (its files would become input of the next run).</summary>
    /// <exception cref="ArgumentException">The output folder is inside the input folder; the message names both options.</exception>
    public static void CheckNotInsideInput(string outputFolder, string outputOption, string inputFolder, string inputOption)
    {
        if (string.IsNullOrWhiteSpace(outputFolder) || string.IsNullOrWhiteSpace(inputFolder)) return;
        if (ResolvedPath.IsUnder(outputFolder, inputFolder))
            throw new ArgumentException($"{outputOption} '{outputFolder}' is inside {inputOption} '{inputFolder}': the PNG files written there would be read " +
                $"as input images next time. Choose an {outputOption} folder outside {inputOption}.");
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
