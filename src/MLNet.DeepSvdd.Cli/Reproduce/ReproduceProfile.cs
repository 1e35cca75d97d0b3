namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// How much of the paper's protocol a <c>reproduce</c> run does. <see cref="Full"/> is the paper's (section V-B: 30 epochs, best epoch
/// on validation, 5 seeds, full splits), meant for a GPU; <see cref="Cpu"/> keeps the protocol and every method but shrinks the data,
/// epochs and seeds to finish a table in about an hour or less on 2 CPU cores; <see cref="Smoke"/> runs everything on a handful of images
/// in about a minute, to check the machinery (its AUCs mean nothing).
/// </summary>
/// <param name="Name">smoke, cpu or full.</param>
/// <param name="Epochs">Training epochs of the deep models (the best validation epoch is kept, as in the paper).</param>
/// <param name="Seeds">Runs per cell, seeds 1…n.</param>
/// <param name="OneVsAllClasses">The normal classes of one-vs-all columns.</param>
/// <param name="OneVsAll">Split limits of one-vs-all columns (per normal class).</param>
/// <param name="Alteration">Split limits of alteration columns.</param>
public sealed record ReproduceProfile(string Name, int Epochs, int Seeds, IReadOnlyList<int> OneVsAllClasses, ProtocolLimits OneVsAll,
    ProtocolLimits Alteration)
{
    /// <summary>About a minute: 1 epoch, 1 seed, one normal class, 100 training / 40 validation / 60 test images, 64 px inside the networks;
    /// GEO with a LeNet classifier on 20 training images.</summary>
    public static ReproduceProfile Smoke { get; } = new("smoke", 1, 1, [1],
        new ProtocolLimits(Train: 100, Validation: 40, Test: 60), new ProtocolLimits(Train: 100, Validation: 40, Test: 60))
    {
        GeoEpochs = 1,
        GeoTrainLimit = 20,
        GeoNetwork = DeepSvddNetwork.LeNet,
        InputResolution = 64,
    };

    /// <summary>
    /// CIFAR-10 resized to 128 px inside the networks (the pretrained ResNet-18's native 224 px costs about three times as much per image on a
    /// CPU; 128 px keeps most of its gain over 32 px: frozen features 0.90 AUC against 0.66 at 32 px and 0.93 at 224 px on automobile);
    /// 5 epochs, 2 seeds, all ten one-vs-all classes with 1 000 training images each (the paper: 4 000),
    /// alteration setups with 2 000 training images (the paper: 40 000); balanced validation sets of 400 and test sets of 2 000 (the
    /// paper: the full sets).
    /// </summary>
    public static ReproduceProfile Cpu { get; } = new("cpu", 5, 2, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        new ProtocolLimits(Train: 1000, Validation: 400, Test: 2000), new ProtocolLimits(Train: 2000, Validation: 400, Test: 2000))
    {
        GeoEpochs = 1,
        InputResolution = 128,
    };

    /// <summary>The paper's settings: 30 epochs, 5 seeds, all classes, full splits.</summary>
    public static ReproduceProfile Full { get; } = new("full", DeepSvddTrainer.Defaults.Epochs, 5, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        ProtocolLimits.None, ProtocolLimits.None);

    /// <summary>
    /// Epochs of GEO's transformation classifier, each a pass over every (image, transformation) pair: 72 times the images. The paper: 3
    /// (⌈200/72⌉); smoke and cpu: 1.
    /// </summary>
    public int GeoEpochs { get; init; } = Baselines.Geo.GeoTrainer.Defaults.Epochs;

    /// <summary>
    /// The side CIFAR-10 images are resized to inside the networks — Deep SVDD's <see cref="DeepSvddTrainer.Options.InputResolution"/> and
    /// the CNN features of the shallow baselines alike; null: the trainer's default (224 px, the pretrained ResNet-18's native size).
    /// </summary>
    public int? InputResolution { get; init; }

    /// <summary>
    /// GEO's transformation classifier: the paper's ImageNet-pretrained ResNet-18 (cpu, full); smoke: LeNet, since each GEO image is 72
    /// forward passes and smoke only checks the machinery (with the ResNet its two GEO runs took 43 s each, two thirds of the profile).
    /// </summary>
    public DeepSvddNetwork GeoNetwork { get; init; } = DeepSvddNetwork.ResNet18Pretrained;

    /// <summary>At most this many training images for GEO (smoke: 20, to keep its 72-fold training in seconds); null: the split's.</summary>
    public int? GeoTrainLimit { get; init; }

    /// <summary>The profile called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown profile.</exception>
    public static ReproduceProfile Get(string name) => name.Trim().ToLowerInvariant() switch
    {
        "smoke" => Smoke,
        "cpu" => Cpu,
        "full" => Full,
        _ => throw new ArgumentException($"Unknown profile '{name}'. Expected smoke, cpu or full.", nameof(name)),
    };

    /// <summary>What this profile reduces relative to the paper, in one paragraph.</summary>
    public string Reductions => Name == "full"
        ? "none: the paper's protocol (30 epochs, 5 seeds, full splits, 10 one-vs-all classes; images at 224 px inside the networks)"
        : $"{Epochs} epoch(s) instead of 30, {Seeds} seed(s) instead of 5, one-vs-all classes {string.Join(",", OneVsAllClasses)} with at most " +
          $"{OneVsAll.Train} training images per class (paper: 4 000), {OneVsAll.Validation} validation and {OneVsAll.Test} test images (balanced " +
          $"subsets; paper: all); alteration setups with {Alteration.Train} training images (paper: 40 000), {Alteration.Validation} validation and " +
          $"{Alteration.Test} test rows (half natural, half altered; paper: 20 000 each); GEO {GeoEpochs} epoch(s) instead of 3" +
          (GeoTrainLimit is { } limit ? $" on at most {limit} training images" : "") +
          (GeoNetwork != DeepSvddNetwork.ResNet18Pretrained ? $" with a {GeoNetwork} classifier instead of the pretrained ResNet-18" : "") +
          $"; images resized to {InputResolution ?? DeepSvddTrainer.Defaults.PretrainedResolution} px inside the networks " +
          "(deep and CNN features; GEO stays at 32 px)";
}
