namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// Which CIFAR-10 setup a command reads: where the data is (<c>--data</c> or <c>DEEPSVDD_CIFAR10_DIR</c>), one of the paper's setups —
/// one-vs-all (<c>--normal-class</c>) or image alterations (<c>--anomaly</c>) — and the seed. Shared by <c>train</c>, <c>evaluate</c>,
/// <c>score</c> (through <see cref="DataSettings"/>) and <c>tune</c>.
/// </summary>
public class CifarSettings : CommandSettings
{
    [CommandOption("--data")]
    [Description("CIFAR-10: the folder of the binary batches or cifar-10-binary.tar.gz (default: DEEPSVDD_CIFAR10_DIR).")]
    public string? Data { get; init; }

    [CommandOption("--normal-class")]
    [Description("CIFAR-10 one-vs-all: the normal class, 0–9 (default 1, automobile).")]
    [DefaultValue(1)]
    public int NormalClass { get; init; } = 1;

    [CommandOption("--anomaly")]
    [Description("CIFAR-10 image alteration setup instead of one-vs-all: bp2, bp4, bp8 (block permutation N×N), strokes1 … strokes9, cutpaste (a local defect: a jittered patch pasted elsewhere, Li et al. 2021) or scar (its long thin rotated variant).")]
    public string? Anomaly { get; init; }

    [CommandOption("--seed")]
    [Description("Seeds the split, the alterations and the training.")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    public override ValidationResult Validate()
    {
        if (NormalClass is < 0 or > 9) return ValidationResult.Error("--normal-class must be a CIFAR-10 class from 0 to 9.");
        if (Anomaly is not null)
        {
            try { ImageSources.ParseAlteration(Anomaly); }
            catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
        }
        return ValidationResult.Success();
    }
}
