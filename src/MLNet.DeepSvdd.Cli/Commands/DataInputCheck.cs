namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// Refuses an output file that is one of the files a <see cref="DataSettings"/> command reads, compared by resolved path
/// (<see cref="ResolvedPath"/>: relative parts, <c>..</c> and symbolic links followed): an image path under <c>--images</c> (an image
/// there, or a new file of an image extension that would join them), or one of the CIFAR-10 files of the data folder
/// (<c>--data</c> or <c>DEEPSVDD_CIFAR10_DIR</c>), or the CIFAR-10 archive itself.
/// </summary>
internal static class DataInputCheck
{
    /// <summary>Throws when <paramref name="output"/> is one of the command's data inputs; does nothing when it is not.</summary>
    /// <param name="output">The destination file.</param>
    /// <param name="outputOption">The option that named it (e.g. <c>--model</c>).</param>
    /// <param name="settings">Where the command reads its images.</param>
    /// <exception cref="ArgumentException">The output is an input; the message names both options and the file.</exception>
    /// <exception cref="DirectoryNotFoundException">CIFAR-10 is the data source and cannot be found (as when it is loaded).</exception>
    public static void CheckNotInput(string output, string outputOption, DataSettings settings)
    {
        if (string.IsNullOrWhiteSpace(output)) return;
        if (settings.Images is { } images)
        {
            if (ResolvedPath.IsUnder(output, images) &&
                ImageFolderSource.DefaultExtensions.Contains(Path.GetExtension(output), StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"{outputOption} '{output}' is an image path inside --images '{images}' ({ResolvedPath.Of(output)}): the file " +
                    $"would replace or join the images the command reads. Choose a path outside --images (or a .zip name).");
            }
            return;
        }
        string data = ImageSources.LocateCifar(settings.Data);
        string source = settings.Data is null ? Cifar10Dataset.EnvironmentVariable : "--data";
        if (File.Exists(data) && ResolvedPath.Same(output, data))
        {
            throw new ArgumentException($"{outputOption} '{output}' is the CIFAR-10 archive of {source} '{data}' ({ResolvedPath.Of(data)}): writing it " +
                $"would replace the data the command reads. Choose another {outputOption} path.");
        }
        if (!Directory.Exists(data)) return;
        foreach (string name in Cifar10Format.AllFiles)
        {
            string input = Path.Combine(data, name);
            if (ResolvedPath.Same(output, input))
            {
                throw new ArgumentException($"{outputOption} '{output}' is the CIFAR-10 file {name} of {source} '{data}' ({ResolvedPath.Of(input)}): " +
                    $"writing it would replace the data the command reads. Choose another {outputOption} path.");
            }
        }
    }
}
