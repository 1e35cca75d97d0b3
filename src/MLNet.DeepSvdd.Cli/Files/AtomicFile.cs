namespace MLNet.DeepSvdd.Cli.Files;

/// <summary>
/// Writes every file a user keeps (models, CSVs, JSON and Markdown reports, plots) all or nothing: the content goes to a temporary file
/// in the destination's folder (same volume), is flushed to disk, and is then renamed over the destination. A write that fails midway
/// (disk full, crash, Ctrl-C) leaves the previous file, if any, intact and removes its temporary file.
/// </summary>
public static class AtomicFile
{
    /// <summary>The suffix of the temporary files (<c>.&lt;name&gt;.&lt;random&gt;.tmp</c> next to the destination).</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, which receives a stream on the temporary file.</summary>
    /// <param name="path">The destination; its folder is created when missing.</param>
    /// <param name="write">Writes the whole content to the stream (does not need to flush or close it).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a folder.</exception>
    /// <exception cref="IOException">The write or the rename failed; the destination is unchanged.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new ArgumentException($"'{full}' is a folder; expected a file to write.", nameof(path));
        string folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{full}' has no parent folder.", nameof(path));
        Directory.CreateDirectory(folder);
        string temporary = TemporaryPathFor(full);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark).</summary>
    /// <param name="path">The destination.</param>
    /// <param name="text">The content.</param>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
        });

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    /// <param name="path">The destination.</param>
    /// <param name="bytes">The content.</param>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes, 0, bytes.Length));

    /// <summary>A fresh temporary path next to <paramref name="fullPath"/>: hidden, unique, ending in <see cref="TemporarySuffix"/>.</summary>
    internal static string TemporaryPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}{TemporarySuffix}");

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
