using System.Formats.Tar;
using System.IO.Compression;

namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// The CIFAR-10 files inside the official cifar-10-binary.tar.gz (members cifar-10-batches-bin/…), read in one pass through the
/// decompressed stream, without extracting anything to disk. Other members (readme.html) are skipped.
/// </summary>
internal sealed class Cifar10TarGzSource : ICifar10Source
{
    private readonly string archive;
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);

    public Cifar10TarGzSource(string archive)
    {
        this.archive = archive;
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (Unpack(() => tar.GetNextEntry()) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile)) continue;
            string? fileName = FileNameOf(entry.Name);
            if (fileName is null) continue;
            if (entry.Length > Array.MaxLength)
                throw new InvalidDataException($"{Describe(fileName)} has {entry.Length} bytes, more than an array can hold.");
            var content = Unpack(() =>
            {
                var bytes = new byte[entry.Length];
                entry.DataStream?.ReadExactly(bytes);
                return bytes;
            });
            if (!files.TryAdd(fileName, content))
                throw new InvalidDataException($"{Description} contains {MemberOf(fileName)} more than once.");
        }
    }

    public string Description => $"archive '{archive}'";

    public string Describe(string fileName) => $"{MemberOf(fileName)} in {Description}";

    public string PathOf(string fileName) => $"{archive}/{MemberOf(fileName)}";

    public long? Length(string fileName) => files.TryGetValue(fileName, out var content) ? content.Length : null;

    public void ReadInto(string fileName, Span<byte> destination) => files[fileName].CopyTo(destination);

    /// <summary>Runs one read of the archive, turning a decompression or tar format error into a message that says what was expected.</summary>
    private T Unpack<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new InvalidDataException(
                $"{Description} is not a readable gzip-compressed tar archive ({e.Message}). Expected the official cifar-10-binary.tar.gz " +
                "or the directory of its binary batches.", e);
        }
    }

    private static string MemberOf(string fileName) => $"{Cifar10Format.ArchiveFolder}/{fileName}";

    /// <summary>The CIFAR-10 file a member is, or null for any other member.</summary>
    private static string? FileNameOf(string memberName)
    {
        string name = memberName.StartsWith("./", StringComparison.Ordinal) ? memberName[2..] : memberName;
        string prefix = Cifar10Format.ArchiveFolder + "/";
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        string fileName = name[prefix.Length..];
        return Cifar10Format.AllFiles.Contains(fileName) ? fileName : null;
    }
}
