namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// Where CIFAR-10 is when nobody says: the path in <see cref="Cifar10Dataset.EnvironmentVariable"/>, else the first
/// <c>shared/data/cifar-10-batches-bin</c> directory in an ancestor of the application's or the current directory (a checkout reads the
/// copy kept at <c>../shared/data/cifar-10-batches-bin</c>, next to it, never inside it).
/// </summary>
internal static class Cifar10Location
{
    public static readonly string SharedRelativePath = Path.Combine("shared", "data", Cifar10Format.ArchiveFolder);

    public static string? Find() =>
        Find(Environment.GetEnvironmentVariable(Cifar10Dataset.EnvironmentVariable), [AppContext.BaseDirectory, Environment.CurrentDirectory]);

    /// <param name="environmentValue">The value of the environment variable; when set (non-blank) it is the answer, existing or not.</param>
    /// <param name="startDirectories">Directories whose ancestors (themselves included) are searched, in order.</param>
    public static string? Find(string? environmentValue, IEnumerable<string> startDirectories)
    {
        if (!string.IsNullOrWhiteSpace(environmentValue)) return environmentValue.Trim();
        foreach (string start in startDirectories)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, SharedRelativePath);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
