namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>
/// The real CIFAR-10, loaded once per test run: from DEEPSVDD_CIFAR10_DIR (as CI sets it), else, for a checkout, from the first
/// shared/data/cifar-10-batches-bin above the test assembly (the repository keeps its copy next to the checkout; the library itself
/// searches no folders). Missing data fails the tests that need it (never a skip), with what to set.
/// </summary>
public static class Cifar10Data
{
    private static readonly Lazy<(string Directory, Cifar10Dataset Data)> Real = new(LoadReal);

    /// <summary>The directory of the official binary batches.</summary>
    public static string Directory => Real.Value.Directory;

    public static Cifar10Dataset Dataset => Real.Value.Data;

    private static (string, Cifar10Dataset) LoadReal()
    {
        string? path = Cifar10Dataset.FindDefault() ?? FindShared(AppContext.BaseDirectory);
        if (path is null || !System.IO.Directory.Exists(path))
        {
            string ci = Environment.GetEnvironmentVariable("CI") == "true" ? "CI=true: the CI job must provide the data. " : "";
            throw new InvalidOperationException(
                $"CIFAR-10 data tests cannot run: {ci}{Cifar10Dataset.EnvironmentVariable} is " +
                $"'{Environment.GetEnvironmentVariable(Cifar10Dataset.EnvironmentVariable)}' and no shared/data/cifar-10-batches-bin was found " +
                $"above {AppContext.BaseDirectory} (found: '{path}'). Set {Cifar10Dataset.EnvironmentVariable} to the directory of the " +
                "official binary batches (data_batch_1.bin … data_batch_5.bin, test_batch.bin, batches.meta.txt).");
        }
        return (path, Cifar10Dataset.Load(path));
    }

    /// <summary>The repository's layout: the first <c>shared/data/cifar-10-batches-bin</c> in <paramref name="start"/> or an ancestor.</summary>
    public static string? FindShared(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "shared", "data", "cifar-10-batches-bin");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
