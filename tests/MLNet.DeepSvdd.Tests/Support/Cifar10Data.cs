using MLNet.DeepSvdd.Datasets;

namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>
/// The real CIFAR-10, loaded once per test run: from DEEPSVDD_CIFAR10_DIR, else from ../shared/data/cifar-10-batches-bin above the
/// test assembly. Missing data fails the tests that need it (never a skip), with what to set.
/// </summary>
public static class Cifar10Data
{
    private static readonly Lazy<(string Directory, Cifar10Dataset Data)> Real = new(LoadReal);

    /// <summary>The directory of the official binary batches.</summary>
    public static string Directory => Real.Value.Directory;

    public static Cifar10Dataset Dataset => Real.Value.Data;

    private static (string, Cifar10Dataset) LoadReal()
    {
        string? path = Cifar10Dataset.FindDefault();
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
}
