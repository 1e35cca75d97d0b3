using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>Turns <see cref="DataSettings"/> into data views: a CIFAR-10 protocol split, or image-folder views with an image-loading pipeline.</summary>
internal static class ImageSources
{
    /// <summary>The pixel column the detector reads.</summary>
    public const string PixelColumn = ProtocolColumns.Image;

    /// <summary>"bp8" → block permutation 8×8, "strokes3" → strokes of thickness 3, "cutpaste" → CutPaste, "scar" → CutPaste scar, both with their default colour jitter.</summary>
    /// <exception cref="ArgumentException">Anything else.</exception>
    public static ImageAlteration ParseAlteration(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t.StartsWith("bp", StringComparison.Ordinal) && int.TryParse(t[2..], out int blocks) && blocks is 2 or 4 or 8 or 16)
            return new BlockPermutation(blocks);
        if (t.StartsWith("strokes", StringComparison.Ordinal) && int.TryParse(t[7..], out int thickness) && thickness is >= 1 and <= 9)
            return new Strokes(thickness);
        if (t == "cutpaste") return new CutPaste();
        if (t == "scar") return new CutPasteScar();
        throw new ArgumentException($"--anomaly '{text}' is not an alteration: expected bp2, bp4, bp8, bp16, strokes1 … strokes9, cutpaste or scar.");
    }

    /// <summary>The training images <c>train</c> takes by default (<c>--train-limit</c>); <c>evaluate</c> and <c>score</c> build the same split.</summary>
    public const int DefaultTrainLimit = 1000;

    /// <summary>The CIFAR-10 split of the settings (one-vs-all or alteration setup) with at most <paramref name="trainLimit"/> training images (0 = all).</summary>
    /// <exception cref="DirectoryNotFoundException">CIFAR-10 was not found.</exception>
    public static ProtocolSplits Cifar(DataSettings settings, int trainLimit)
    {
        var cifar = Cifar10Dataset.Load(LocateCifar(settings.Data));
        var limits = new ProtocolLimits(
            Train: trainLimit > 0 ? trainLimit : null,
            Validation: settings.TestLimit > 0 ? settings.TestLimit : null,
            Test: settings.TestLimit > 0 ? settings.TestLimit : null);
        return settings.Anomaly is { } anomaly
            ? AlterationProtocol.Create(cifar, ParseAlteration(anomaly), settings.Seed, limits)
            : OneVsAllProtocol.Create(cifar, settings.NormalClass, settings.Seed, limits);
    }

    /// <summary>The CIFAR-10 location: <paramref name="data"/> (--data), else <c>DEEPSVDD_CIFAR10_DIR</c>.</summary>
    /// <exception cref="DirectoryNotFoundException">Neither is given, or the path does not exist; the message says what to pass.</exception>
    public static string LocateCifar(string? data)
    {
        string path = data ?? Cifar10Dataset.FindDefault()
            ?? throw new DirectoryNotFoundException("CIFAR-10 was not found: pass --data <folder with data_batch_1.bin … or cifar-10-binary.tar.gz> " +
                $"or set the environment variable {Cifar10Dataset.EnvironmentVariable} to it.");
        if (!Directory.Exists(path) && !File.Exists(path))
            throw new DirectoryNotFoundException($"CIFAR-10 data '{path}' does not exist: pass --data <folder with data_batch_1.bin … or the tar.gz> " +
                $"or set the environment variable {Cifar10Dataset.EnvironmentVariable} to it.");
        return path;
    }

    /// <summary>Every decodable image under <paramref name="folder"/>, labelled per <paramref name="anomalyFolder"/> (see <see cref="ImageFolderInput"/>).</summary>
    /// <exception cref="InvalidDataException">No images, an image that does not decode under <paramref name="strict"/>, or (for evaluation) no anomalous or normal images.</exception>
    public static IDataView Folder(string folder, string? anomalyFolder, bool strict, Action<string> log) =>
        ImageFolderInput.Load(folder, anomalyFolder, strict, log);

    /// <summary>ImagePath → pixels [3, size, size] (RGB, 0–255), the front of every image-folder model.</summary>
    public static IEstimator<ITransformer> ImagePipeline(MLContext ml, int size) =>
        ml.Transforms.LoadImages("LoadedImage", imageFolder: "", inputColumnName: ProtocolColumns.ImagePath)
            .Append(ml.Transforms.ResizeImages("LoadedImage", size, size, inputColumnName: "LoadedImage"))
            .Append(ml.Transforms.ExtractPixels(PixelColumn, "LoadedImage", outputAsFloatArray: true))
            .Append(ml.Transforms.DropColumns("LoadedImage"));
}
