namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// CIFAR-10 (binary version), read completely into memory and validated: the 50 000 training and 10 000 test images of the official
/// files, 10 classes. Images are kept as their raw bytes (about 180 MB in all) and become floats only when rows are read.
/// </summary>
/// <example>
/// <code>
/// var cifar = Cifar10Dataset.Load(Cifar10Dataset.FindDefault() ?? Cifar10Dataset.Download("data"));
/// var cats = Enumerable.Range(0, cifar.Train.Count).Where(i => cifar.Train.ClassOf(i) == 3);
/// IDataView normalTraining = cifar.ToDataView(Cifar10Split.Train, cats);   // Image: Vector&lt;Single, 3, 32, 32&gt;
/// </code>
/// </example>
public sealed class Cifar10Dataset
{
    /// <summary>The environment variable <see cref="FindDefault"/> reads first: a CIFAR-10 directory or tarball.</summary>
    public const string EnvironmentVariable = "DEEPSVDD_CIFAR10_DIR";

    private Cifar10Dataset(Cifar10Reader.Content content)
    {
        ClassNames = Array.AsReadOnly(content.ClassNames);
        Train = new Cifar10Images(content.Train, ClassNames);
        Test = new Cifar10Images(content.Test, ClassNames);
    }

    /// <summary>The ten class names in label order, from batches.meta.txt ("airplane", "automobile", … "truck").</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The training images: data_batch_1.bin … data_batch_5.bin, in file order.</summary>
    public Cifar10Images Train { get; }

    /// <summary>The test images: test_batch.bin, in file order.</summary>
    public Cifar10Images Test { get; }

    /// <summary>
    /// Reads and validates CIFAR-10 from the directory of the binary batches (data_batch_1.bin … data_batch_5.bin, test_batch.bin,
    /// batches.meta.txt) or from the official cifar-10-binary.tar.gz, read directly (nothing is extracted to disk).
    /// Every file is checked before anything is returned.
    /// </summary>
    /// <param name="pathOrTarGz">The directory, or the tarball.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="DirectoryNotFoundException">The path does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file is missing from the directory or the archive (the message lists which).</exception>
    /// <exception cref="InvalidDataException">
    /// A batch's size is not a multiple of 3073 bytes, a label byte is not 0–9, batches.meta.txt does not hold ten class names, or the
    /// file is not a gzip-compressed tar.
    /// </exception>
    public static Cifar10Dataset Load(string pathOrTarGz)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrTarGz);
        ICifar10Source source = Directory.Exists(pathOrTarGz) ? new Cifar10DirectorySource(pathOrTarGz)
            : File.Exists(pathOrTarGz) ? new Cifar10TarGzSource(pathOrTarGz)
            : throw new DirectoryNotFoundException(
                $"No CIFAR-10 at '{pathOrTarGz}': neither a directory nor a file exists there. Expected the directory of " +
                $"{Cifar10Format.Expected}, or that tarball itself.");
        return new Cifar10Dataset(Cifar10Reader.Read(source));
    }

    /// <summary>
    /// Where CIFAR-10 is expected when no path is given: the value of <see cref="EnvironmentVariable"/> when it is set (returned even if
    /// nothing is there, so that <see cref="Load"/> reports the misconfiguration). No folder is searched.
    /// </summary>
    /// <returns>The path, or null when the variable is not set.</returns>
    public static string? FindDefault() => Cifar10Location.Find();

    /// <summary>
    /// Downloads the official cifar-10-binary.tar.gz (https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz, about 170 MB) into
    /// <paramref name="targetDirectory"/> and verifies its MD5 (c32a1d4ab5d03f1284b67883e8d87530). A verified tarball already there is
    /// reused. Pass the returned path to <see cref="Load"/>.
    /// </summary>
    /// <param name="targetDirectory">Where to put the tarball; created if needed.</param>
    /// <param name="progress">Receives (bytes downloaded, total bytes or -1 when the server does not say) after every chunk.</param>
    /// <param name="ct">Cancels the download.</param>
    /// <returns>The path of the verified tarball.</returns>
    /// <exception cref="IOException">
    /// The download failed (no network, HTTP error); the message says what to provide instead: the directory of the binary batches or the
    /// tarball, or <see cref="EnvironmentVariable"/> set to it.
    /// </exception>
    /// <exception cref="InvalidDataException">The downloaded file does not have the official MD5.</exception>
    public static string Download(string targetDirectory, IProgress<(long done, long total)>? progress = null, CancellationToken ct = default)
    {
        using var handler = new SocketsHttpHandler();
        return Cifar10Download.Run(targetDirectory, progress, handler, ct);
    }

    /// <summary>
    /// An <see cref="IDataView"/> over a split with the columns of <see cref="Cifar10Image"/>: Image (Vector&lt;Single, 3, 32, 32&gt;,
    /// planar RGB 0–255, as ExtractPixels makes it), Class (Int32, 0–9), ClassName (Text). Pixels are converted from the bytes in memory
    /// as rows are read, into the reader's buffer, and only when Image is read. The view knows its row count and can be shuffled.
    /// </summary>
    /// <param name="split">Which images.</param>
    /// <param name="rowIndices">Indices into the split (<see cref="Train"/> or <see cref="Test"/>) of the rows to include, in this order;
    /// null for all images in file order.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the split.</exception>
    public IDataView ToDataView(Cifar10Split split, IEnumerable<int>? rowIndices = null)
    {
        var images = split switch
        {
            Cifar10Split.Train => Train,
            Cifar10Split.Test => Test,
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Expected Train or Test."),
        };
        int[] rows = rowIndices?.ToArray() ?? [.. Enumerable.Range(0, images.Count)];
        int bad = Array.FindIndex(rows, r => (uint)r >= (uint)images.Count);
        if (bad >= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowIndices), rows[bad],
                $"rowIndices[{bad}] is {rows[bad]}, but the {split} split has images 0 to {images.Count - 1}.");
        }
        return new Cifar10DataView(images, rows, ClassNames);
    }
}
