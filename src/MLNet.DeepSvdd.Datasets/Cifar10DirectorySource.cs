namespace MLNet.DeepSvdd.Datasets;

/// <summary>The CIFAR-10 files in a directory (the extracted cifar-10-batches-bin); files are read straight into their destination.</summary>
internal sealed class Cifar10DirectorySource(string directory) : ICifar10Source
{
    public string Description => $"directory '{directory}'";

    public string Describe(string fileName) => $"'{PathOf(fileName)}'";

    public string PathOf(string fileName) => Path.Combine(directory, fileName);

    public long? Length(string fileName)
    {
        var file = new FileInfo(PathOf(fileName));
        return file.Exists ? file.Length : null;
    }

    public void ReadInto(string fileName, Span<byte> destination)
    {
        using var stream = File.OpenRead(PathOf(fileName));
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException e)
        {
            throw new IOException($"{Describe(fileName)} became shorter while it was read.", e);
        }
    }
}
