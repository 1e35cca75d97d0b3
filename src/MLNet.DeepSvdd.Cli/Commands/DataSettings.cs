using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// Where <c>train</c>, <c>evaluate</c> and <c>score</c> read images: an image folder (<c>--images</c>), or CIFAR-10 (<c>--data</c> or
/// <c>DEEPSVDD_CIFAR10_DIR</c>) in one of the paper's setups: one-vs-all (<c>--normal-class</c>) or image alterations (<c>--anomaly</c>).
/// </summary>
public class DataSettings : CommandSettings
{
    [CommandOption("--images")]
    [Description("An image folder (png/jpg/bmp/gif/webp): every image under it, sub-folders at any depth included, in path order. train: every image is normal. evaluate: the images under its --anomaly-folder sub-folder are the anomalies, every other image is normal. score: every image.")]
    public string? Images { get; init; }

    [CommandOption("--anomaly-folder")]
    [Description("evaluate --images: the sub-folder of anomalous images; every other image under --images is normal.")]
    [DefaultValue("anomaly")]
    public string AnomalyFolder { get; init; } = "anomaly";

    /// <summary>Whether an image that does not decode stops the command (otherwise it is named and skipped).</summary>
    [CommandOption("--strict")]
    [Description("--images: stop (exit code 2) at an image that does not decode instead of skipping it with a warning.")]
    public bool Strict { get; init; }

    [CommandOption("--image-size")]
    [Description("--images: images are resized to this many pixels square.")]
    [DefaultValue(32)]
    public int ImageSize { get; init; } = 32;

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

    [CommandOption("--train-limit")]
    [Description("CIFAR-10: at most this many training images (default 1000; 0 for the protocol's full size).")]
    [DefaultValue(1000)]
    public int TrainLimit { get; init; } = 1000;

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
        if (ImageSize is < 8 or > 1024) return ValidationResult.Error("--image-size must be between 8 and 1024 pixels.");
        if (NormalClass is < 0 or > 9) return ValidationResult.Error("--normal-class must be a CIFAR-10 class from 0 to 9.");
        if (TrainLimit < 0 || TestLimit < 0) return ValidationResult.Error("--train-limit and --test-limit must be ≥ 0 (0 = full size).");
        if (TestLimit is > 0 and < 2) return ValidationResult.Error("--test-limit must be at least 2 (a normal and an anomalous image).");
        if (Anomaly is not null)
        {
            try { ImageSources.ParseAlteration(Anomaly); }
            catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
        }
        return ValidationResult.Success();
    }
}
