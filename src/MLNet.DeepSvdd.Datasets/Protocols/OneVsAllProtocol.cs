namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>
/// The common one-vs-all setup (paper, section V-A, after Ruff et al.): one class is normal, the other classes are anomalies.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Training: 80 % (⌊0.8 n⌋) of the normal class's n training images, chosen by shuffling them with the seed; label 0, in that
/// shuffled order. CIFAR-10: 4 000 images.</item>
/// <item>Validation: the rest of the given training set: the other 20 % of the normal class (label 0) and every image of the other
/// classes (label 1), in file order. CIFAR-10: 1 000 normal and 45 000 anomalous images.</item>
/// <item>Test: the given test set, normal class label 0, the others 1, in file order. CIFAR-10: 1 000 normal, 9 000 anomalous.</item>
/// </list>
/// With <see cref="ProtocolLimits"/> the parts shrink as described there (a training limit keeps the first images of the shuffled 80 %; a
/// validation or test limit keeps a random subset, balanced by default). Every random decision comes from the seed, one independent
/// stream per decision, so the same arguments give the same rows.
/// </remarks>
/// <example>
/// <code>
/// var splits = OneVsAllProtocol.Create(cifar, normalClass: 3, seed: 1, new ProtocolLimits(Train: 1500, Validation: 1000));
/// var model = ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
///     { FeatureColumnName = "Image", ValidationSet = splits.Validation.Data }).Fit(splits.Train.Data);
/// var auc = ml.AnomalyDetection.Evaluate(model.Transform(splits.Test.Data)).AreaUnderRocCurve;
/// </code>
/// </example>
public static class OneVsAllProtocol
{
    /// <summary>One-vs-all on CIFAR-10: views with Image (Vector&lt;Single, 3, 32, 32&gt;), Label (Single) and Class (Int32).</summary>
    /// <param name="dataset">CIFAR-10.</param>
    /// <param name="normalClass">The normal class, 0–9.</param>
    /// <param name="seed">Seeds every random decision.</param>
    /// <param name="limits">Size limits for CPU runs; null for the paper's sizes.</param>
    /// <returns>The training, validation and test parts with their counts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The class is not 0–9, or a limit is too small.</exception>
    public static ProtocolSplits Create(Cifar10Dataset dataset, int normalClass, int seed, ProtocolLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        limits ??= ProtocolLimits.None;
        var plan = OneVsAllPlan.Make(dataset.Train, dataset.Test, normalClass, anomalyClass: null, labeledAnomalies: null, seed, limits);
        return new ProtocolSplits(
            $"CIFAR-10 one-vs-all, normal class {normalClass} ({dataset.ClassNames[normalClass]}), seed {seed}{Describe(limits)}",
            Cifar10Rows.Split(Cifar10Rows.Natural(dataset.Train, plan.Train)),
            Cifar10Rows.Split(Cifar10Rows.Natural(dataset.Train, plan.Validation)),
            Cifar10Rows.Split(Cifar10Rows.Natural(dataset.Test, plan.Test)));
    }

    /// <summary>
    /// One-vs-all on two image folders with the same classes (<see cref="ImageFolderSource.ClassPerFolder"/>): views of file paths with
    /// ImagePath, Label, Class and ClassName, for <c>LoadImages → ResizeImages → ExtractPixels</c>.
    /// </summary>
    /// <param name="train">The given training images.</param>
    /// <param name="test">The given test images; the same class names in the same order.</param>
    /// <param name="normalClass">The normal class index (in <see cref="ImageFolderSource.ClassNames"/>).</param>
    /// <param name="seed">Seeds every random decision.</param>
    /// <param name="limits">Size limits for CPU runs; null for all images.</param>
    /// <returns>The training, validation and test parts with their counts.</returns>
    /// <exception cref="ArgumentException">The folders' classes differ, or the normal class has fewer than 2 training images.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The class index is out of range, or a limit is too small.</exception>
    public static ProtocolSplits Create(ImageFolderSource train, ImageFolderSource test, int normalClass, int seed, ProtocolLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        limits ??= ProtocolLimits.None;
        var plan = OneVsAllPlan.Make(train, test, normalClass, anomalyClass: null, labeledAnomalies: null, seed, limits);
        return new ProtocolSplits(
            $"Image folders one-vs-all ('{train.Root}', '{test.Root}'), normal class {normalClass} ({train.ClassNames[normalClass]}), seed {seed}{Describe(limits)}",
            train.Split(plan.Train), train.Split(plan.Validation), test.Split(plan.Test));
    }

    /// <summary>", limits …" when any limit is set.</summary>
    internal static string Describe(ProtocolLimits limits) =>
        limits.Train is null && limits.Validation is null && limits.Test is null ? ""
            : $", limits train {Limit(limits.Train)} / validation {Limit(limits.Validation)} / test {Limit(limits.Test)} ({limits.Sampling})";

    private static string Limit(int? limit) => limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all";
}
