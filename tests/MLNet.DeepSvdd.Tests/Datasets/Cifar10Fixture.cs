namespace MLNet.DeepSvdd.Tests.Datasets;

/// <summary>The real CIFAR-10 for the dataset tests (see <see cref="Support.Cifar10Data"/>).</summary>
public sealed class Cifar10Fixture
{
    /// <summary>The directory of the official binary batches.</summary>
    public string Directory => Support.Cifar10Data.Directory;

    public Cifar10Dataset Data => Support.Cifar10Data.Dataset;

    /// <summary>Record <paramref name="index"/> of a file, read directly from disk: the independent reference for the reader.</summary>
    public byte[] RawRecord(string fileName, int index) => Cifar10Files.ReadRecords(Path.Combine(Directory, fileName), index, 1);
}
