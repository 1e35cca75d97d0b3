using System.Formats.Tar;
using System.IO.Compression;

namespace MLNet.DeepSvdd.Tests.Datasets;

/// <summary>Small CIFAR-10 copies for the tests: synthetic batches of a few records, written as a directory or an official-style tar.gz.</summary>
public static class Cifar10Files
{
    public const int RecordSize = 3073;

    public static readonly string[] TrainFiles = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public static readonly string[] BatchFiles = [.. TrainFiles, "test_batch.bin"];

    public static readonly string[] ClassNames = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    public static string Meta(IEnumerable<string> names) => string.Join("\n", names) + "\n\n";

    /// <summary>
    /// A synthetic batch: record r of batch b has label (b + r) mod 10 and pixel byte p = (b·31 + r·7 + p·13) mod 256, so every file,
    /// record and position differs.
    /// </summary>
    public static byte[] SyntheticBatch(int batch, int records)
    {
        var bytes = new byte[records * RecordSize];
        for (int r = 0; r < records; r++)
        {
            bytes[r * RecordSize] = (byte)((batch + r) % 10);
            for (int p = 0; p < RecordSize - 1; p++) bytes[r * RecordSize + 1 + p] = (byte)((batch * 31 + r * 7 + p * 13) % 256);
        }
        return bytes;
    }

    /// <summary>All seven files of a synthetic copy with <paramref name="records"/> records per batch.</summary>
    public static Dictionary<string, byte[]> Synthetic(int records = 5)
    {
        var files = BatchFiles.Select((name, b) => (name, SyntheticBatch(b, records))).ToDictionary(f => f.name, f => f.Item2);
        files["batches.meta.txt"] = System.Text.Encoding.ASCII.GetBytes(Meta(ClassNames));
        return files;
    }

    /// <summary>The first <paramref name="records"/> records of each real batch and the real meta file.</summary>
    public static Dictionary<string, byte[]> Truncated(string realDirectory, int records)
    {
        var files = new Dictionary<string, byte[]>();
        foreach (string name in BatchFiles) files[name] = ReadRecords(Path.Combine(realDirectory, name), 0, records);
        files["batches.meta.txt"] = File.ReadAllBytes(Path.Combine(realDirectory, "batches.meta.txt"));
        return files;
    }

    /// <summary>Records <paramref name="first"/> … first + count − 1 of a batch file, read directly from disk.</summary>
    public static byte[] ReadRecords(string path, int first, int count)
    {
        using var file = File.OpenRead(path);
        file.Seek((long)first * RecordSize, SeekOrigin.Begin);
        var records = new byte[count * RecordSize];
        file.ReadExactly(records);
        return records;
    }

    public static string WriteDirectory(string directory, IReadOnlyDictionary<string, byte[]> files)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, content) in files) File.WriteAllBytes(Path.Combine(directory, name), content);
        return directory;
    }

    /// <summary>A tar.gz laid out like the official one: a cifar-10-batches-bin/ directory entry, the files under it, and a readme.</summary>
    public static string WriteTarGz(string path, IReadOnlyDictionary<string, byte[]> files)
    {
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Gnu);
        tar.WriteEntry(new GnuTarEntry(TarEntryType.Directory, "cifar-10-batches-bin/"));
        foreach (var (name, content) in files.Append(new("readme.html", "<html/>"u8.ToArray())))
        {
            tar.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "cifar-10-batches-bin/" + name) { DataStream = new MemoryStream(content) });
        }
        return path;
    }
}
