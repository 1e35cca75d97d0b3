using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>
/// The semi-supervised setups of the paper's Table VI: the training set adds a few labeled anomalies of one kind to unlabeled natural
/// images; validation and test use anomalies of another kind (another alteration), or all anomaly classes (one-vs-all).
/// Training labels: NaN for the unlabeled rows, 1 for the labeled anomalies (the trainer's <c>LabelColumnName = "Label"</c>).
/// </summary>
/// <remarks>
/// <para>The training set is 90 % unlabeled natural images and 10 % labeled anomalies (section V-A): for u unlabeled images,
/// ⌊u / 9⌋ labeled anomalies. This reproduces the paper's semi-supervised training sizes (VOC2012: 5 717 + 635 = 6 352; WikiArt:
/// 7 856 + 872 = 8 728). For CIFAR-10 one-vs-all it gives 4 000 + 444; the paper's wording there ("10 % of samples from a single anomaly
/// class") can also be read as 500 of the class's 5 000 images: pass <c>labeledAnomalies: 500</c> for that reading. The training rows
/// are in a random (seeded) order.</para>
/// <para>With a training limit n, the unlabeled part is the first n − ⌈n / 10⌉ shuffled training images (n − labeledAnomalies when that
/// is given) and the labeled part ⌊u / 9⌋ as above: at most n rows in all. Validation and test limits work as in the unsupervised
/// protocols.</para>
/// </remarks>
public static class SemiSupervisedProtocol
{
    /// <summary>
    /// Semi-supervised one-vs-all on CIFAR-10 (Table VI, first column): training = 80 % of the normal class unlabeled (NaN) plus labeled
    /// anomalies (1), a random sample of <paramref name="anomalyClass"/>'s training images; validation = the rest of the training set
    /// without those labeled images (remaining normal images 0, all other classes 1); test = the given test set (normal 0, the nine other
    /// classes 1). Views with Image, Label and Class.
    /// </summary>
    /// <param name="dataset">CIFAR-10.</param>
    /// <param name="normalClass">The normal class, 0–9.</param>
    /// <param name="anomalyClass">The class the labeled training anomalies come from, 0–9, not the normal class.</param>
    /// <param name="seed">Seeds every random decision.</param>
    /// <param name="limits">Size limits for CPU runs; null for full size.</param>
    /// <param name="labeledAnomalies">How many labeled anomalies; null for ⌊u / 9⌋ (10 % of the training set).</param>
    /// <returns>The training, validation and test parts with their counts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A class is out of range or the classes are equal, a limit is too small, or the anomaly
    /// class has fewer training images than labeled anomalies are asked for.</exception>
    public static ProtocolSplits OneVsAll(Cifar10Dataset dataset, int normalClass, int anomalyClass, int seed, ProtocolLimits? limits = null,
        int? labeledAnomalies = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        limits ??= ProtocolLimits.None;
        var plan = OneVsAllPlan.Make(dataset.Train, dataset.Test, normalClass, anomalyClass, labeledAnomalies, seed, limits);
        return new ProtocolSplits(
            $"CIFAR-10 semi-supervised one-vs-all, normal class {normalClass} ({dataset.ClassNames[normalClass]}), labeled anomalies of class " +
            $"{anomalyClass} ({dataset.ClassNames[anomalyClass]}), seed {seed}{OneVsAllProtocol.Describe(limits)}",
            Cifar10Rows.Split(Cifar10Rows.Natural(dataset.Train, plan.Train)),
            Cifar10Rows.Split(Cifar10Rows.Natural(dataset.Train, plan.Validation)),
            Cifar10Rows.Split(Cifar10Rows.Natural(dataset.Test, plan.Test)));
    }

    /// <summary>Semi-supervised one-vs-all on two image folders with the same classes: views of file paths (see <see cref="OneVsAllProtocol"/>).</summary>
    /// <param name="train">The given training images.</param>
    /// <param name="test">The given test images; the same class names in the same order.</param>
    /// <param name="normalClass">The normal class index.</param>
    /// <param name="anomalyClass">The class the labeled training anomalies come from, not the normal class.</param>
    /// <param name="seed">Seeds every random decision.</param>
    /// <param name="limits">Size limits; null for all images.</param>
    /// <param name="labeledAnomalies">How many labeled anomalies; null for ⌊u / 9⌋ (10 % of the training set).</param>
    /// <returns>The training, validation and test parts with their counts.</returns>
    /// <exception cref="ArgumentException">The folders' classes differ, or the normal class has fewer than 2 training images.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class is out of range or the classes are equal, a limit is too small, or the anomaly
    /// class has too few training images.</exception>
    public static ProtocolSplits OneVsAll(ImageFolderSource train, ImageFolderSource test, int normalClass, int anomalyClass, int seed,
        ProtocolLimits? limits = null, int? labeledAnomalies = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        limits ??= ProtocolLimits.None;
        var plan = OneVsAllPlan.Make(train, test, normalClass, anomalyClass, labeledAnomalies, seed, limits);
        return new ProtocolSplits(
            $"Image folders semi-supervised one-vs-all ('{train.Root}', '{test.Root}'), normal class {normalClass} ({train.ClassNames[normalClass]}), " +
            $"labeled anomalies of class {anomalyClass} ({train.ClassNames[anomalyClass]}), seed {seed}{OneVsAllProtocol.Describe(limits)}",
            train.Split(plan.Train), train.Split(plan.Validation), test.Split(plan.Test));
    }

    /// <summary>
    /// Semi-supervised image alteration anomalies on CIFAR-10 (Table VI, VOC2012/WikiArt columns, e.g. train "Bp. 8", validation "St. 9",
    /// test "St. 5"): the split of <see cref="AlterationProtocol"/>; training = its natural training images unlabeled (NaN) plus labeled
    /// anomalies (1): <paramref name="trainingAnomalies"/> copies of a random sample of those training images (their natural versions stay
    /// in the unlabeled part); validation and test = natural images with one counterpart each, altered by
    /// <paramref name="validationAnomalies"/> and <paramref name="testAnomalies"/>. Full size: 40 000 + 4 444 training rows, 20 000
    /// validation and 20 000 test rows. Every part also has the <see cref="ProtocolColumns.Mask"/> column (the labeled training anomalies'
    /// masks included), as in <see cref="AlterationProtocol"/>.
    /// </summary>
    /// <param name="dataset">CIFAR-10.</param>
    /// <param name="trainingAnomalies">The alteration of the labeled training anomalies.</param>
    /// <param name="validationAnomalies">The alteration of the validation anomalies (the paper's choice differs from the training one).</param>
    /// <param name="testAnomalies">The alteration of the test anomalies.</param>
    /// <param name="seed">Seeds every random decision, and with each image's pixels its alteration.</param>
    /// <param name="limits">Size limits for CPU runs; null for full size.</param>
    /// <param name="labeledAnomalies">How many labeled anomalies; null for ⌊u / 9⌋ (10 % of the training set).</param>
    /// <returns>The training, validation and test parts with their counts.</returns>
    /// <exception cref="ArgumentException">An alteration cannot handle 3 × 32 × 32 images.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is too small, or more labeled anomalies are asked for than training images exist.</exception>
    public static ProtocolSplits Alteration(Cifar10Dataset dataset, ImageAlteration trainingAnomalies, ImageAlteration validationAnomalies,
        ImageAlteration testAnomalies, int seed, ProtocolLimits? limits = null, int? labeledAnomalies = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ImageAlteration[] alterations = [trainingAnomalies, validationAnomalies, testAnomalies];
        foreach (var alteration in alterations)
        {
            ArgumentNullException.ThrowIfNull(alteration);
            alteration.CheckShape(Cifar10Image.Channels, Cifar10Image.Height, Cifar10Image.Width);
        }
        limits ??= ProtocolLimits.None;
        var plan = AlterationPlan.Make(dataset.Train, dataset.Test, seed, limits);
        var (unlabeledCount, labeledCount) = TrainingComposition(plan.Train.Length, limits.Train, labeledAnomalies);
        var unlabeled = plan.Train[..unlabeledCount];
        if (labeledCount > unlabeled.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(labeledAnomalies), labeledCount,
                $"Only {unlabeled.Length} training images are there to alter into labeled anomalies.");
        }
        var labeledSources = RowSampling.Subset(unlabeled, labeledCount, RowSampling.For(seed, RowSampling.Purpose.LabeledAnomalies));
        var training = Cifar10Rows.Natural(dataset.Train, unlabeled.Select(PlannedRow.Unlabeled))
            .Concat(Cifar10Rows.Altered(dataset.Train, labeledSources, trainingAnomalies, seed, label: 1f));
        return new ProtocolSplits(
            $"CIFAR-10 semi-supervised image alteration anomalies (training {trainingAnomalies.Name}, validation {validationAnomalies.Name}, " +
            $"test {testAnomalies.Name}), seed {seed}{OneVsAllProtocol.Describe(limits)}",
            Cifar10Rows.Split(RowSampling.Shuffled(training, RowSampling.For(seed, RowSampling.Purpose.TrainOrder)), withMask: true),
            Cifar10Rows.Split(Cifar10Rows.Pairs(dataset.Train, plan.Validation, validationAnomalies, seed), withMask: true),
            Cifar10Rows.Split(Cifar10Rows.Pairs(dataset.Test, plan.Test, testAnomalies, seed), withMask: true));
    }

    /// <summary>
    /// How many unlabeled and labeled rows a semi-supervised training set has, from the <paramref name="available"/> natural training
    /// images, the training limit and an explicit number of labeled anomalies (see the remarks of <see cref="SemiSupervisedProtocol"/>).
    /// </summary>
    internal static (int Unlabeled, int Labeled) TrainingComposition(int available, int? limit, int? labeledAnomalies)
    {
        if (labeledAnomalies is < 0)
            throw new ArgumentOutOfRangeException(nameof(labeledAnomalies), labeledAnomalies, "The number of labeled anomalies must not be negative.");
        int unlabeled = available;
        if (limit is { } n) unlabeled = Math.Min(available, n - (labeledAnomalies ?? (n + 9) / 10));
        if (unlabeled < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit,
                $"A training limit of {limit} leaves no room for unlabeled images next to {labeledAnomalies ?? (limit!.Value + 9) / 10} labeled anomalies.");
        }
        return (unlabeled, labeledAnomalies ?? unlabeled / 9);
    }
}
