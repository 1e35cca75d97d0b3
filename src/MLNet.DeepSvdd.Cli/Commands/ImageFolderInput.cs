namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// The images of an <c>--images</c> folder for <c>train</c>, <c>evaluate</c> and <c>score</c>: every image file under the folder, the
/// root and every sub-folder at any depth (hidden files and folders, starting with '.', are left out), in ordinal path order. Each file
/// is decoded once up front (<see cref="ImageDecodeCheck"/>); one that does not decode is named and skipped with a warning, or stops the
/// command with <c>--strict</c>. For <c>evaluate</c>, images under the top-level <c>&lt;anomaly folder&gt;/</c> are the anomalies and
/// every other image (root included) is normal.
/// </summary>
internal static class ImageFolderInput
{
    /// <summary>How many failing images a message lists by name before it says "and N more".</summary>
    public const int NamedInMessage = 10;

    /// <summary>
    /// Every image file under <paramref name="folder"/> (absolute paths, ordinal order), without decoding them. A symbolic link to a
    /// folder is followed, but every folder is listed once (a link back up the tree does not loop).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">A folder under it cannot be read.</exception>
    public static IReadOnlyList<string> List(string folder)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"--images '{folder}' is not a folder.");
        var files = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([root]);
        try
        {
            while (pending.Count > 0)
            {
                string directory = pending.Pop();
                string real = Directory.ResolveLinkTarget(directory, returnFinalTarget: true)?.FullName ?? directory;
                if (!visited.Add(Path.TrimEndingDirectorySeparator(real))) continue;
                files.AddRange(Directory.EnumerateFiles(directory)
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Where(f => ImageFolderSource.DefaultExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))));
                foreach (string sub in Directory.EnumerateDirectories(directory).Where(d => !Path.GetFileName(d).StartsWith('.')))
                    pending.Push(sub);
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ArgumentException($"--images '{folder}': a folder under it cannot be read ({e.Message}).", e);
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// The decodable images of <paramref name="folder"/> as a view with the columns of <see cref="ImagePathRow"/>; Label is 1 for the
    /// images under <paramref name="anomalyFolder"/> (evaluation), 0 otherwise.
    /// </summary>
    /// <param name="folder">The --images folder.</param>
    /// <param name="anomalyFolder">The top-level sub-folder of anomalies (evaluate), or null (train, score: every image is a row).</param>
    /// <param name="strict">Stop at images that do not decode instead of skipping them.</param>
    /// <param name="log">Receives the time the decoding check took, one warning line per skipped image and their count.</param>
    /// <exception cref="InvalidDataException">No images; an image does not decode and <paramref name="strict"/> is set; no anomalous or no normal images for evaluation.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IDataView Load(string folder, string? anomalyFolder, bool strict, Action<string> log)
    {
        var all = List(folder);
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (all.Count == 0) throw new InvalidDataException($"--images '{folder}' holds no images ({string.Join(", ", ImageFolderSource.DefaultExtensions)}), sub-folders included.");
        var problems = new string?[all.Count];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, all.Count, i => problems[i] = ImageDecodeCheck.Problem(all[i]));
        clock.Stop();
        log($"Decoded {all.Count} images under {root} to check them in {clock.Elapsed.TotalSeconds:F1} s.");
        var bad = Enumerable.Range(0, all.Count).Where(i => problems[i] is not null).ToList();
        if (bad.Count > 0)
        {
            if (strict)
            {
                string named = string.Join("; ", bad.Take(NamedInMessage).Select(i => $"'{all[i]}': {problems[i]}"));
                string more = bad.Count > NamedInMessage ? $"; and {bad.Count - NamedInMessage} more" : "";
                throw new InvalidDataException($"--strict: {bad.Count} of {all.Count} images under '{folder}' do not decode: {named}{more}.");
            }
            foreach (int i in bad) log($"Warning: skipped '{all[i]}': {problems[i]}.");
            log($"Warning: skipped {bad.Count} of {all.Count} images that do not decode (--strict stops instead).");
        }
        var good = Enumerable.Range(0, all.Count).Where(i => problems[i] is null).Select(i => all[i]).ToList();
        if (good.Count == 0) throw new InvalidDataException($"--images '{folder}': none of its {all.Count} images decodes.");

        string TopFolder(string path)
        {
            var parts = Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar);
            return parts.Length > 1 ? parts[0] : "";
        }
        bool IsAnomaly(string path) => anomalyFolder is not null && string.Equals(TopFolder(path), anomalyFolder, StringComparison.OrdinalIgnoreCase);
        if (anomalyFolder is not null)
        {
            if (!good.Any(IsAnomaly))
            {
                var found = Directory.GetDirectories(root).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
                bool exists = found.Any(n => string.Equals(n, anomalyFolder, StringComparison.OrdinalIgnoreCase));
                throw new InvalidDataException(exists
                    ? $"--images '{folder}': its '{anomalyFolder}' sub-folder holds no decodable image; evaluation needs anomalous images there."
                    : $"--images '{folder}' has no '{anomalyFolder}' sub-folder of anomalous images (found: {(found.Count > 0 ? string.Join(", ", found) : "no sub-folders")}); " +
                      "evaluation needs one sub-folder of anomalies (--anomaly-folder); every other image, the folder's own included, is normal.");
            }
            if (good.All(IsAnomaly))
                throw new InvalidDataException($"--images '{folder}' holds anomalous images only ('{anomalyFolder}/'); evaluation needs normal images too (anywhere else under the folder).");
        }
        var rows = good.Select(path =>
        {
            bool anomaly = IsAnomaly(path);
            string top = TopFolder(path);
            return new ImagePathRow { ImagePath = path, Label = anomaly ? 1f : 0f, Class = anomaly ? 1 : 0, ClassName = top.Length > 0 ? top : Path.GetFileName(root) };
        }).ToList();
        return new MLContext().Data.LoadFromEnumerable(rows);
    }
}
