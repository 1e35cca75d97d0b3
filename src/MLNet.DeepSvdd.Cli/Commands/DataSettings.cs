using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// Where <c>train</c>, <c>evaluate</c> and <c>score</c> read images: an image folder (<c>--images</c>), or CIFAR-10 (<c>--data</c> or
/// <c>DEEPSVDD_CIFAR10_DIR</c>) in one of the paper's setups: one-vs-all (<c>--normal-class</c>) or image alterations (<c>--anomaly</c>).
/// Options only one command uses (<c>--image-size</c>, <c>--train-limit</c>, <c>--anomaly-folder</c>) are that command's own, so no command
/// lists or accepts an option it would ignore.
/// </summary>
public class DataSettings : CommandSettings
{
    [CommandOption("--images")]
    [Description("An image folder (png/jpg/bmp/gif/webp): every image under it, sub-folders at any depth included, in path order. train: every image is normal. evaluate: the images under its --anomaly-folder sub-folder are the anomalies, every other image is normal. score: every image.")]
    public string? Images { get; init; }

    /// <summary>Whether an image that does not decode stops the command (otherwise it is named and skipped).</summary>
    [CommandOption("--strict")]
    [Description("--images: stop (exit code 2) at an image that does not decode instead of skipping it with a warning.")]
    public bool Strict { get; init; }

    [CommandOption("--data")]
    [Description("CIFAR-10: the folder of the binary batches or cifar-10-binary.tar.gz (default: DEEPSVDD_CIFAR10_DIR).")]
    public string? Data { get; init; }

    [CommandOption("--normal-class")]
    [Description("CIFAR-10 one-vs-all: the normal class, 0–9 (default 1, automobile).")]
    [DefaultValue(1)]
    public int NormalClass { get; init; } = 1;

    [CommandOption("--anomaly")]
    [Description("CIFAR-10 image alteration setup instead of one-vs-all: bp2, bp4, bp8 (block permutation N×N) or strokes1 … strokes9.")]
    public string? Anomaly { get; init; }

    [CommandOption("--test-limit")]
    [Description("CIFAR-10: at most this many validation and test images each, balanced (default 2000; 0 for full size).")]
    [DefaultValue(2000)]
    public int TestLimit { get; init; } = 2000;

    [CommandOption("--seed")]
    [Description("Seeds the split, the alterations and the training.")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    public override ValidationResult Validate()
    {
        if (Images is not null && !Directory.Exists(Images)) return ValidationResult.Error($"--images '{Images}' is not a folder.");
        if (NormalClass is < 0 or > 9) return ValidationResult.Error("--normal-class must be a CIFAR-10 class from 0 to 9.");
        if (TestLimit < 0) return ValidationResult.Error("--test-limit must be ≥ 0 (0 = full size).");
        if (TestLimit is > 0 and < 2) return ValidationResult.Error("--test-limit must be at least 2 (a normal and an anomalous image).");
        if (Anomaly is not null)
        {
            try { ImageSources.ParseAlteration(Anomaly); }
            catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
        }
        return ValidationResult.Success();
    }
}
