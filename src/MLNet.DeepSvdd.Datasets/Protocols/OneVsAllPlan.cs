namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>
/// The rows of a one-vs-all protocol, unsupervised or semi-supervised, decided on class indices only (so CIFAR-10 and image folders share
/// it): see <see cref="OneVsAllProtocol"/> and <see cref="SemiSupervisedProtocol"/> for the rules.
/// </summary>
internal sealed record OneVsAllPlan(List<PlannedRow> Train, List<PlannedRow> Validation, List<PlannedRow> Test)
{
    /// <param name="train">The given training set (its normal-class images are split 80 / 20).</param>
    /// <param name="test">The given test set.</param>
    /// <param name="normalClass">The normal class.</param>
    /// <param name="anomalyClass">Semi-supervised: the class of the labeled training anomalies; null for unsupervised.</param>
    /// <param name="labeledAnomalies">Semi-supervised: how many; null for 10 % of the training set (see <see cref="SemiSupervisedProtocol"/>).</param>
    /// <param name="seed">The protocol's seed.</param>
    /// <param name="limits">Size limits.</param>
    public static OneVsAllPlan Make(IClassifiedImages train, IClassifiedImages test, int normalClass, int? anomalyClass, int? labeledAnomalies,
        int seed, ProtocolLimits limits)
    {
        limits.Check();
        int classes = train.ClassNames.Count;
        if (!train.ClassNames.SequenceEqual(test.ClassNames))
        {
            throw new ArgumentException(
                $"The training and test sets must have the same classes in the same order; training has [{string.Join(", ", train.ClassNames)}], " +
                $"test has [{string.Join(", ", test.ClassNames)}].");
        }
        if ((uint)normalClass >= (uint)classes)
            throw new ArgumentOutOfRangeException(nameof(normalClass), normalClass, $"Expected a class index from 0 to {classes - 1}.");
        if (anomalyClass is { } a && ((uint)a >= (uint)classes || a == normalClass))
        {
            throw new ArgumentOutOfRangeException(nameof(anomalyClass), a,
                $"Expected a class index from 0 to {classes - 1} other than the normal class {normalClass}.");
        }

        var normal = RowSampling.Shuffled(Indices(train, c => c == normalClass), RowSampling.For(seed, RowSampling.Purpose.TrainValidationSplit));
        if (normal.Length < 2)
            throw new ArgumentException($"Class {normalClass} ('{train.ClassNames[normalClass]}') has {normal.Length} training image(s); one-vs-all needs at least 2.");
        int cut = normal.Length * 4 / 5; // ⌊80 %⌋ of the normal class for training
        var validationNormal = normal[cut..];

        List<PlannedRow> training;
        var labeled = new HashSet<int>();
        if (anomalyClass is null)
        {
            training = [.. normal.Take(Math.Min(cut, limits.Train ?? cut)).Select(PlannedRow.Normal)];
        }
        else
        {
            var (unlabeledCount, labeledCount) = SemiSupervisedProtocol.TrainingComposition(cut, limits.Train, labeledAnomalies);
            var anomalies = RowSampling.Shuffled(Indices(train, c => c == anomalyClass), RowSampling.For(seed, RowSampling.Purpose.LabeledAnomalies));
            if (labeledCount > anomalies.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(labeledAnomalies), labeledCount,
                    $"Class {anomalyClass} ('{train.ClassNames[anomalyClass.Value]}') has only {anomalies.Length} training images to label.");
            }
            labeled.UnionWith(anomalies.Take(labeledCount));
            var rows = normal.Take(unlabeledCount).Select(PlannedRow.Unlabeled).Concat(labeled.Order().Select(PlannedRow.Anomalous));
            training = [.. RowSampling.Shuffled(rows, RowSampling.For(seed, RowSampling.Purpose.TrainOrder))];
        }

        var validationNormalSet = validationNormal.ToHashSet();
        var validation = Enumerable.Range(0, train.Count)
            .Where(i => validationNormalSet.Contains(i) || (train.ClassOf(i) != normalClass && !labeled.Contains(i)))
            .Select(i => train.ClassOf(i) == normalClass ? PlannedRow.Normal(i) : PlannedRow.Anomalous(i))
            .ToList();
        var testRows = Enumerable.Range(0, test.Count)
            .Select(i => test.ClassOf(i) == normalClass ? PlannedRow.Normal(i) : PlannedRow.Anomalous(i))
            .ToList();
        return new OneVsAllPlan(
            training,
            RowSampling.Reduce(validation, limits.Validation, limits.Sampling, RowSampling.For(seed, RowSampling.Purpose.ValidationSubset)),
            RowSampling.Reduce(testRows, limits.Test, limits.Sampling, RowSampling.For(seed, RowSampling.Purpose.TestSubset)));
    }

    private static IEnumerable<int> Indices(IClassifiedImages images, Func<int, bool> classMatches) =>
        Enumerable.Range(0, images.Count).Where(i => classMatches(images.ClassOf(i)));
}
