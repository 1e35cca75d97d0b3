using System.Text;

namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// The CIFAR-10 binary format: the file names, and records of 1 label byte (0–9) followed by 1024 red, 1024 green and 1024 blue bytes,
/// each plane row-major 32×32. This is also the order of ML.NET's planar pixel vectors, so a record converts to
/// <see cref="Cifar10Image.Image"/> byte for byte.
/// </summary>
internal static class Cifar10Format
{
    public const int RecordSize = 1 + Cifar10Image.PixelCount;

    /// <summary>The folder the files are in, inside the official cifar-10-binary.tar.gz.</summary>
    public const string ArchiveFolder = "cifar-10-batches-bin";

    public const string MetaFile = "batches.meta.txt";
    public const string TestFile = "test_batch.bin";

    public static readonly IReadOnlyList<string> TrainFiles =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public static readonly IReadOnlyList<string> TestFiles = [TestFile];

    public static readonly IReadOnlyList<string> AllFiles = [.. TrainFiles, TestFile, MetaFile];

    /// <summary>What a complete copy consists of, for error messages.</summary>
    public static readonly string Expected =
        $"the CIFAR-10 binary version: {string.Join(", ", AllFiles)} (the folder {ArchiveFolder} of the official cifar-10-binary.tar.gz)";

    /// <summary>batches.meta.txt is a few dozen bytes; anything this large is not it.</summary>
    public const int MaxMetaBytes = 64 * 1024;

    /// <summary>Checks that a file of <paramref name="length"/> bytes holds whole records, at least one.</summary>
    public static void CheckLength(long length, string describedFile)
    {
        if (length == 0)
            throw new InvalidDataException($"{describedFile} is empty (0 bytes); expected one or more {RecordSize}-byte CIFAR-10 records.");
        if (length % RecordSize != 0)
        {
            throw new InvalidDataException(
                $"{describedFile} has {length} bytes, which is not a multiple of the CIFAR-10 record size {RecordSize} " +
                $"(1 label byte + {Cifar10Image.PixelCount} pixel bytes): the file is truncated or not a CIFAR-10 binary batch.");
        }
    }

    /// <summary>Checks the label byte of every record in <paramref name="records"/> (whole records, as read from one file).</summary>
    public static void CheckLabels(ReadOnlySpan<byte> records, string describedFile)
    {
        for (int r = 0, offset = 0; offset < records.Length; r++, offset += RecordSize)
        {
            byte label = records[offset];
            if (label >= Cifar10Image.ClassCount)
            {
                throw new InvalidDataException(
                    $"{describedFile}: record {r} (byte offset {offset}) has label byte {label}; CIFAR-10 labels are 0-9. " +
                    "The file is corrupt or not a CIFAR-10 binary batch.");
            }
        }
    }

    /// <summary>
    /// Parses batches.meta.txt: exactly ten distinct, non-empty class names, one per line (\n or \r\n; surrounding spaces, a byte order
    /// mark and trailing blank lines are ignored).
    /// </summary>
    public static string[] ParseClassNames(ReadOnlySpan<byte> content, string describedFile)
    {
        var lines = Encoding.UTF8.GetString(content).TrimStart('\uFEFF').Split('\n').Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count != Cifar10Image.ClassCount || lines.Any(l => l.Length == 0) || lines.Distinct().Count() != lines.Count)
        {
            throw new InvalidDataException(
                $"{describedFile} must list {Cifar10Image.ClassCount} distinct class names, one per line (airplane … truck), " +
                $"but has {lines.Count} line(s): [{string.Join(", ", lines.Take(12).Select(l => $"\"{l}\""))}{(lines.Count > 12 ? ", …" : "")}].");
        }
        return [.. lines];
    }

    /// <summary>The label of record <paramref name="index"/>.</summary>
    public static int Label(byte[] records, int index) => records[index * RecordSize];

    /// <summary>Converts the pixel bytes of record <paramref name="index"/> to floats 0–255 in <paramref name="destination"/>.</summary>
    public static void CopyPixels(byte[] records, int index, Span<float> destination)
    {
        var pixels = records.AsSpan(index * RecordSize + 1, Cifar10Image.PixelCount);
        destination = destination[..Cifar10Image.PixelCount];
        for (int i = 0; i < pixels.Length; i++) destination[i] = pixels[i];
    }
}
