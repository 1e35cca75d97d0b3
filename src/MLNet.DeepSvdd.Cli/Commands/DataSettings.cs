namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// Where <c>train</c>, <c>evaluate</c> and <c>score</c> read images: an image folder (<c>--images</c>), or a CIFAR-10 setup (<see cref="CifarSettings"/>).
/// Options only one command uses (<c>--image-size</c>, <c>--train-limit</c>, <c>--anomaly-folder</c>) are that command's own, so no command
/// lists or accepts an option it would ignore.
/// </summary>
public class DataSettings : CifarSettings
{
    [CommandOption("--images")]
    [Description("An image folder (png/jpg/bmp/gif/webp): every image under it, sub-folders at any depth included, in path order. train: every image is normal. evaluate: the images under its --anomaly-folder sub-folder are the anomalies, every other image is normal. score: every image.")]
    public string? Images { get; init; }

    /// <summary>Whether an image that does not decode stops the command (otherwise it is named and skipped).</summary>
    [CommandOption("--strict")]
    [Description("--images: stop (exit code 2) at an image that does not decode instead of skipping it with a warning.")]
    public bool Strict { get; init; }

    [CommandOption("--test-limit")]
    [Description("CIFAR-10: at most this many validation and test images each, balanced (default 2000; 0 for full size).")]
    [DefaultValue(2000)]
    public int TestLimit { get; init; } = 2000;

    public override ValidationResult Validate()
    {
        if (Images is not null && !Directory.Exists(Images)) return ValidationResult.Error($"--images '{Images}' is not a folder.");
        var setup = base.Validate();
        if (!setup.Successful) return setup;
        if (TestLimit < 0) return ValidationResult.Error("--test-limit must be ≥ 0 (0 = full size).");
        if (TestLimit is > 0 and < 2) return ValidationResult.Error("--test-limit must be at least 2 (a normal and an anomalous image).");
        return ValidationResult.Success();
    }
}
