namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// Reads and validates a whole CIFAR-10 copy from a source: every file present, the class names, every file size, then the records of
/// each split into one array with every label checked. Cheap checks come first, so a missing or truncated file fails before any batch
/// is read; nothing is returned unless all of it is valid.
/// </summary>
internal static class Cifar10Reader
{
    public sealed record Content(string[] ClassNames, byte[] Train, byte[] Test);

    public static Content Read(ICifar10Source source)
    {
        var missing = Cifar10Format.AllFiles.Where(f => source.Length(f) is null).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"The {source.Description} lacks {string.Join(", ", missing)}. Expected {Cifar10Format.Expected}.",
                source.PathOf(missing[0]));
        }

        var classNames = ReadClassNames(source);
        long trainBytes = CheckSizes(source, Cifar10Format.TrainFiles);
        long testBytes = CheckSizes(source, Cifar10Format.TestFiles);
        return new Content(classNames, ReadRecords(source, Cifar10Format.TrainFiles, trainBytes), ReadRecords(source, Cifar10Format.TestFiles, testBytes));
    }

    private static string[] ReadClassNames(ICifar10Source source)
    {
        string file = Cifar10Format.MetaFile;
        long length = source.Length(file)!.Value;
        if (length > Cifar10Format.MaxMetaBytes)
        {
            throw new InvalidDataException(
                $"{source.Describe(file)} has {length} bytes; expected a short text file with the {Cifar10Image.ClassCount} class names.");
        }
        var content = new byte[length];
        source.ReadInto(file, content);
        return Cifar10Format.ParseClassNames(content, source.Describe(file));
    }

    /// <summary>Checks that every file holds whole records and that the split fits one array; returns its total size.</summary>
    private static long CheckSizes(ICifar10Source source, IReadOnlyList<string> files)
    {
        long total = 0;
        foreach (string file in files)
        {
            long length = source.Length(file)!.Value;
            Cifar10Format.CheckLength(length, source.Describe(file));
            total += length;
        }
        if (total > Array.MaxLength)
            throw new InvalidDataException($"The files {string.Join(", ", files)} of the {source.Description} hold {total} bytes, more than one array can hold.");
        return total;
    }

    private static byte[] ReadRecords(ICifar10Source source, IReadOnlyList<string> files, long totalBytes)
    {
        var records = new byte[totalBytes];
        int offset = 0;
        foreach (string file in files)
        {
            var part = records.AsSpan(offset, (int)source.Length(file)!.Value);
            source.ReadInto(file, part);
            Cifar10Format.CheckLabels(part, source.Describe(file));
            offset += part.Length;
        }
        return records;
    }
}
