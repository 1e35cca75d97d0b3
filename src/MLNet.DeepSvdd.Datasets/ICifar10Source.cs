namespace MLNet.DeepSvdd.Datasets;

/// <summary>Where the CIFAR-10 files come from: a directory or the official tarball.</summary>
internal interface ICifar10Source
{
    /// <summary>The source itself, for error messages ("directory '…'", "archive '…'").</summary>
    string Description { get; }

    /// <summary>One file of the source, for error messages: its path, or the archive member and the archive.</summary>
    string Describe(string fileName);

    /// <summary>The path to name in a <see cref="FileNotFoundException"/> for a missing file.</summary>
    string PathOf(string fileName);

    /// <summary>The size of a file in bytes, or null when the source lacks it.</summary>
    long? Length(string fileName);

    /// <summary>Reads the whole file into <paramref name="destination"/>, which has exactly <see cref="Length"/> bytes.</summary>
    void ReadInto(string fileName, Span<byte> destination);
}
