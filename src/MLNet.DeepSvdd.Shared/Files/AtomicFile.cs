using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MLNet.DeepSvdd.Shared.Files;

/// <summary>
/// Writes every file a user keeps (models, CSVs, JSON and Markdown reports, plots, and the library's pretrained-weights cache) all or nothing: the content goes to a temporary file
/// in the destination's folder (same volume), is flushed to disk, and is then renamed over the destination. A write that fails midway
/// (disk full, an exception) leaves the previous file, if any, intact and removes its temporary file; on Ctrl-C or SIGTERM
/// the CLI's interrupt handling (<c>MLNet.DeepSvdd.Cli.Files.InterruptCleanup</c>) removes the temporary files still being written (<see cref="DeleteInFlight"/>). A temporary file left
/// by a process that was killed outright (SIGKILL, power loss) is removed by the next write to the same destination once it is stale
/// (<see cref="SweepStale"/>).
/// </summary>
internal static class AtomicFile
{
    /// <summary>The suffix of the temporary files (<c>.&lt;name&gt;.&lt;process id&gt;.&lt;random&gt;.tmp</c> next to the destination).</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>How long a temporary file whose writer cannot be identified as exited must go unwritten before a later write removes it.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> InFlight = new(StringComparer.Ordinal);

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
        SweepStale(full);
        string temporary = TemporaryPathFor(full);
        InFlight[temporary] = 0;
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
        finally
        {
            InFlight.TryRemove(temporary, out _);
        }
    }

    /// <summary>
    /// Deletes the temporary files of the writes still in progress in this process (what an interrupted process must not leave behind;
    /// their destinations keep their previous content). Returns how many were deleted.
    /// </summary>
    public static int DeleteInFlight()
    {
        int deleted = 0;
        foreach (string temporary in InFlight.Keys)
        {
            if (File.Exists(temporary) && TryDelete(temporary)) deleted++;
        }
        return deleted;
    }

    /// <summary>
    /// Removes the stale temporary files of earlier writes to <paramref name="fullPath"/>: files of this class's naming for that destination
    /// (<c>.&lt;name&gt;.&lt;process id&gt;.&lt;32 hex digits&gt;.tmp</c>, or <c>.&lt;name&gt;.&lt;32 hex digits&gt;.tmp</c> of earlier versions,
    /// or the visible <c>&lt;name&gt;.&lt;process id&gt;.tmp</c> that earlier versions of the pretrained-weights cache and of the ONNX export wrote)
    /// whose writing process has exited, or that were not written for <see cref="StaleAfter"/>. Other files are never touched. Returns how many were removed.
    /// </summary>
    /// <param name="fullPath">The absolute destination path.</param>
    public static int SweepStale(string fullPath)
    {
        string folder = Path.GetDirectoryName(fullPath)!, prefix = "." + Path.GetFileName(fullPath) + ".", visiblePrefix = prefix[1..];
        if (!Directory.Exists(folder)) return 0;
        int removed = 0;
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateFiles(folder, "*" + TemporarySuffix).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
        foreach (string candidate in candidates)
        {
            string name = Path.GetFileName(candidate);
            if (InFlight.ContainsKey(candidate)) continue;
            int? owner;
            bool ours;
            if (name.StartsWith(prefix, StringComparison.Ordinal)) owner = OwnerOf(name[prefix.Length..^TemporarySuffix.Length], out ours);
            else if (name.StartsWith(visiblePrefix, StringComparison.Ordinal)) owner = VisibleOwnerOf(name[visiblePrefix.Length..^TemporarySuffix.Length], out ours);
            else continue;
            if (!ours) continue;
            bool exited = owner is { } pid && pid != Environment.ProcessId && !IsRunning(pid);
            bool old = DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate) > StaleAfter;
            if ((exited || old) && TryDelete(candidate)) removed++;
        }
        return removed;
    }

    /// <summary>The process id in a temporary file's middle part ("&lt;pid&gt;.&lt;hex&gt;", or null for "&lt;hex&gt;"); <paramref name="ours"/> is false for any other shape.</summary>
    private static int? OwnerOf(string middle, out bool ours)
    {
        static bool IsHex32(string s) => s.Length == 32 && s.All(Uri.IsHexDigit);
        int dot = middle.IndexOf('.');
        if (dot < 0)
        {
            ours = IsHex32(middle);
            return null;
        }
        ours = int.TryParse(middle.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && IsHex32(middle[(dot + 1)..]);
        return ours ? pid : null;
    }

    /// <summary>The process id of an earlier version's visible temporary file (middle part "&lt;pid&gt;"); <paramref name="ours"/> is false for any other shape.</summary>
    private static int? VisibleOwnerOf(string middle, out bool ours)
    {
        ours = int.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out int pid);
        return ours ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
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
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}{TemporarySuffix}");

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
