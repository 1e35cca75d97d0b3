using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>
/// The paper's novel setup with image alteration anomalies (section V-A): the natural images of all classes are normal, and the anomalies
/// are altered copies of them (<see cref="BlockPermutation"/>, <see cref="Strokes"/>, or any <see cref="ImageAlteration"/>). One detector is
/// trained on natural images only.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Training: 80 % (⌊0.8 n⌋) of every class's training images, chosen by shuffling each class with the seed; label 0, in a shuffled
/// order. CIFAR-10: 40 000 images.</item>
/// <item>Validation: the other 20 % of the training set, in file order, each natural image (label 0) followed by its altered
/// counterpart (label 1). CIFAR-10: 10 000 + 10 000 = 20 000 rows.</item>
/// <item>Test: the given test set, each natural image followed by its altered counterpart. CIFAR-10: 10 000 + 10 000 = 20 000 rows.</item>
/// </list>
/// Equal numbers of normal and anomalous rows in validation and test, as in the paper. The counterpart of natural image x is
/// <c>alteration.Apply(x, 3, 32, 32, AlterationSeed.For(seed, x))</c>, which is also what <c>mlContext.Transforms.AlterImages(alteration,
/// …, seed)</c> gives for x. Altered images are computed once, in parallel, and kept as bytes (3 KB each: 60 MB for the full CIFAR-10
/// setup, next to the 180 MB of the data set itself); natural images are read in place. Limits: see <see cref="ProtocolLimits"/> (a
/// validation or test limit keeps a random ⌊limit / 2⌋ natural images with their counterparts). Every part has a
/// <see cref="ProtocolColumns.Mask"/> column, the ground truth of localization metrics: an anomaly's mask is the one
/// <c>alteration.ApplyWithMask</c> gives with the same seed (1 KB per anomaly as bools, 20 MB for the full setup); natural rows have none
/// (all 0).
/// </remarks>
/// <example>
/// <code>
/// var splits = AlterationProtocol.Create(cifar, new Strokes(1), seed: 1);   // "Strokes 1" of Table III
/// Console.WriteLine(splits);   // train 40000 rows: 40000 normal …; validation 20000 rows: 10000 normal, 10000 anomalous; test …
/// </code>
/// </example>
public static class AlterationProtocol
{
    /// <summary>
    /// The image alteration setup on CIFAR-10: views with Image (Vector&lt;Single, 3, 32, 32&gt;), Label (Single), Class (Int32) and Mask
    /// (Vector&lt;Single, 32, 32&gt;: the altered image's defect mask, 1 = defect pixel; all 0 for natural images, so all 0 in training).
    /// </summary>
    /// <param name="dataset">CIFAR-10.</param>
    /// <param name="alteration">How anomalies are made from natural images.</param>
    /// <param name="seed">Seeds every random decision, and with each image's pixels its alteration.</param>
    /// <param name="limits">Size limits for CPU runs; null for the paper's sizes.</param>
    /// <returns>The training, validation and test parts with their counts.</returns>
    /// <exception cref="ArgumentException">The alteration cannot handle 3 × 32 × 32 images (e.g. a block count that does not divide 32).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is too small.</exception>
    public static ProtocolSplits Create(Cifar10Dataset dataset, ImageAlteration alteration, int seed, ProtocolLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(alteration);
        alteration.CheckShape(Cifar10Image.Channels, Cifar10Image.Height, Cifar10Image.Width);
        limits ??= ProtocolLimits.None;
        var plan = AlterationPlan.Make(dataset.Train, dataset.Test, seed, limits);
        var training = plan.Train.Take(limits.Train ?? plan.Train.Length).Select(PlannedRow.Normal);
        return new ProtocolSplits(
            $"CIFAR-10 image alteration anomalies ({alteration.Name}), seed {seed}{OneVsAllProtocol.Describe(limits)}",
            Cifar10Rows.Split(Cifar10Rows.Natural(dataset.Train, training), withMask: true),
            Cifar10Rows.Split(Cifar10Rows.Pairs(dataset.Train, plan.Validation, alteration, seed), withMask: true),
            Cifar10Rows.Split(Cifar10Rows.Pairs(dataset.Test, plan.Test, alteration, seed), withMask: true));
    }
}
