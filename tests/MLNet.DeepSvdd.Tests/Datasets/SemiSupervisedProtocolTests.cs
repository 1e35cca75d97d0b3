using MLNet.DeepSvdd.Datasets.Alterations;
using MLNet.DeepSvdd.Datasets.Protocols;
using static MLNet.DeepSvdd.Tests.Datasets.AlterationImages;

namespace MLNet.DeepSvdd.Tests.Datasets;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class SemiSupervisedProtocolTests
{
    private const int Cat = 3, Dog = 5;
    private static Cifar10Dataset Cifar => Support.Cifar10Data.Dataset;

    [Theory]
    [InlineData(5_717, 635)]   // VOC2012: 5 717 unsupervised, 6 352 semi-supervised training images in the paper
    [InlineData(7_856, 872)]   // WikiArt: 7 856 and 8 728
    [InlineData(4_000, 444)]   // CIFAR-10 one-vs-all
    [InlineData(40_000, 4_444)] // CIFAR-10 alteration setup
    public void Training_sets_are_90_percent_unlabeled_and_10_percent_labeled_anomalies_as_the_papers_sizes(int unlabeled, int labeled) =>
        SemiSupervisedProtocol.TrainingComposition(unlabeled, limit: null, labeledAnomalies: null).Should().Be((unlabeled, labeled));

    [Theory]
    [InlineData(1_000, null, 900, 100)]
    [InlineData(999, null, 899, 99)]
    [InlineData(1_000, 50, 950, 50)]
    public void A_training_limit_keeps_the_composition_within_the_limit(int limit, int? labeledAnomalies, int unlabeled, int labeled)
    {
        SemiSupervisedProtocol.TrainingComposition(40_000, limit, labeledAnomalies).Should().Be((unlabeled, labeled));
        (unlabeled + labeled).Should().BeLessThanOrEqualTo(limit);
    }

    [Fact]
    public void One_vs_all_trains_on_unlabeled_normal_images_and_labeled_images_of_one_anomaly_class_held_out_of_validation()
    {
        var splits = SemiSupervisedProtocol.OneVsAll(Cifar, normalClass: Cat, anomalyClass: Dog, seed: 1);
        (splits.Train.Unlabeled, splits.Train.Anomalous, splits.Train.Normal).Should().Be((4_000, 444, 0));
        (splits.Validation.Normal, splits.Validation.Anomalous).Should().Be((1_000, 45_000 - 444), "the labeled dogs are not validated on");
        (splits.Test.Normal, splits.Test.Anomalous).Should().Be((1_000, 9_000));

        var labels = splits.Train.Data.GetColumn<float>(ProtocolColumns.Label).ToList();
        var classes = splits.Train.Data.GetColumn<int>(ProtocolColumns.Class).ToList();
        labels.Zip(classes).Should().OnlyContain(p => float.IsNaN(p.First) ? p.Second == Cat : p.First == 1 && p.Second == Dog);
        labels.Take(100).Should().Contain(float.NaN).And.Contain(1f, "labeled and unlabeled rows are shuffled together");

        var plan = OneVsAllPlan.Make(Cifar.Train, Cifar.Test, Cat, Dog, labeledAnomalies: null, seed: 1, ProtocolLimits.None);
        var labeled = plan.Train.Where(r => r.Label == 1).Select(r => r.Source).ToHashSet();
        plan.Validation.Should().NotContain(r => labeled.Contains(r.Source));

        var fiveHundred = SemiSupervisedProtocol.OneVsAll(Cifar, Cat, Dog, seed: 1, labeledAnomalies: 500);
        fiveHundred.Train.Anomalous.Should().Be(500, "the other reading of '10 % of samples from a single anomaly class'");
        var same = () => SemiSupervisedProtocol.OneVsAll(Cifar, Cat, Cat, seed: 1);
        same.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*other than the normal class 3*");
    }

    [Fact]
    public void Alteration_setup_at_full_size_has_40000_plus_4444_training_rows_and_balanced_validation_and_test()
    {
        var splits = SemiSupervisedProtocol.Alteration(Cifar, new BlockPermutation(8), new Strokes(3), new Strokes(1), seed: 2);
        (splits.Train.Unlabeled, splits.Train.Anomalous).Should().Be((40_000, 4_444));
        (splits.Validation.Normal, splits.Validation.Anomalous).Should().Be((10_000, 10_000));
        (splits.Test.Normal, splits.Test.Anomalous).Should().Be((10_000, 10_000));
        splits.Description.Should().Contain("training Block permutation 8×8, validation Strokes 3, test Strokes 1");
    }

    [Fact]
    public void Alteration_setup_labels_altered_copies_of_training_images_and_validates_and_tests_on_other_alterations()
    {
        const int seed = 2;
        var splits = SemiSupervisedProtocol.Alteration(Cifar, new BlockPermutation(8), new Strokes(3), new Strokes(1), seed,
            new ProtocolLimits(Train: 1_000, Validation: 40, Test: 40));
        (splits.Train.Unlabeled, splits.Train.Anomalous).Should().Be((900, 100));

        var images = splits.Train.Data.GetColumn<float[]>(ProtocolColumns.Image).ToList();
        var labels = splits.Train.Data.GetColumn<float>(ProtocolColumns.Label).ToList();
        // Some unlabeled image is the natural version of each anomaly: it has the same pixel multiset, and its block permutation with the
        // seed is exactly the anomaly.
        var unlabeledByPixels = images.Where((_, i) => float.IsNaN(labels[i])).ToLookup(image => string.Join(",", SortedPixels(image)));
        foreach (var anomaly in images.Where((_, i) => labels[i] == 1))
        {
            unlabeledByPixels[string.Join(",", SortedPixels(anomaly))].Should()
                .Contain(u => new BlockPermutation(8).Apply(u, 3, 32, 32, AlterationSeed.For(seed, u)).SequenceEqual(anomaly));
        }
        var trainingMasks = splits.Train.Data.GetColumn<float[]>(ProtocolColumns.Mask).ToList();
        for (int i = 0; i < images.Count; i++)
        {
            if (labels[i] == 1) trainingMasks[i].Should().Contain(1f, "a labeled anomaly carries its seams as mask");
            else trainingMasks[i].Should().OnlyContain(v => v == 0, "an unlabeled training image is natural");
        }

        foreach (var (part, alteration) in new[] { (splits.Validation, new Strokes(3)), (splits.Test, new Strokes(1)) })
        {
            var rows = part.Data.GetColumn<float[]>(ProtocolColumns.Image).ToList();
            var masks = part.Data.GetColumn<float[]>(ProtocolColumns.Mask).ToList();
            for (int k = 0; k < rows.Count; k += 2)
            {
                rows[k + 1].Should().Equal(alteration.Apply(rows[k], 3, 32, 32, AlterationSeed.For(seed, rows[k])));
                masks[k].Should().OnlyContain(v => v == 0);
                masks[k + 1].Should().Equal(alteration.ApplyWithMask(rows[k], 3, 32, 32, AlterationSeed.For(seed, rows[k])).Mask.Select(m => m ? 1f : 0f));
            }
        }
    }
}
