using MLNet.DeepSvdd.Datasets.Alterations;
using MLNet.DeepSvdd.Datasets.Protocols;

namespace MLNet.DeepSvdd.Tests.Datasets;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class AlterationProtocolTests
{
    private static Cifar10Dataset Cifar => Support.Cifar10Data.Dataset;

    [Fact]
    public void Full_size_is_40000_natural_training_images_and_20000_balanced_validation_and_test_rows_in_reasonable_memory()
    {
        // This thread's allocations (other test classes run in parallel): the pool of altered images and the row tables are made here.
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var splits = AlterationProtocol.Create(Cifar, new Strokes(1), seed: 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        (splits.Train.Count, splits.Train.Normal).Should().Be((40_000, 40_000), "training on natural images only");
        (splits.Validation.Count, splits.Validation.Normal, splits.Validation.Anomalous).Should().Be((20_000, 10_000, 10_000));
        (splits.Test.Count, splits.Test.Normal, splits.Test.Anomalous).Should().Be((20_000, 10_000, 10_000));
        splits.Description.Should().Be("CIFAR-10 image alteration anomalies (Strokes 1), seed 1");
        allocated.Should().BeLessThan(150L << 20, "20 000 altered images are 61 MB of bytes; natural images are read in place");

        splits.Train.Data.GetColumn<int>(ProtocolColumns.Class).GroupBy(c => c).Should()
            .HaveCount(10).And.OnlyContain(g => g.Count() == 4_000, "80 % of every class");
        splits.Validation.Data.GetColumn<int>(ProtocolColumns.Class).GroupBy(c => c).Should()
            .OnlyContain(g => g.Count() == 2_000, "the other 20 %: 1 000 natural images and their counterparts per class");
        var labels = splits.Test.Data.GetColumn<float>(ProtocolColumns.Label).ToList();
        labels.Should().Equal(Enumerable.Range(0, 20_000).Select(i => (float)(i % 2)), "each natural image is followed by its counterpart");
    }

    [Fact]
    public void Validation_images_are_held_out_of_training_and_every_anomaly_is_the_counterpart_of_the_row_before()
    {
        var plan = AlterationPlan.Make(Cifar.Train, Cifar.Test, seed: 3, ProtocolLimits.None);
        // Set checks in plain LINQ: FluentAssertions' collection equivalence is quadratic in the size.
        plan.Train.Should().HaveCount(40_000);
        plan.Train.Intersect(plan.Validation).Should().BeEmpty();
        plan.Train.Concat(plan.Validation).Order().Should().Equal(Enumerable.Range(0, 50_000), "every training image is used exactly once");

        var limits = new ProtocolLimits(Train: 300, Validation: 101, Test: 60);
        foreach (var alteration in new ImageAlteration[] { new BlockPermutation(2), new BlockPermutation(8), new Strokes(1), new Strokes(3), new CutPaste(), new CutPasteScar() })
        {
            var splits = AlterationProtocol.Create(Cifar, alteration, seed: 3, limits);
            (splits.Train.Count, splits.Validation.Count, splits.Test.Count).Should().Be((300, 100, 60), "⌊101 / 2⌋ = 50 pairs");
            foreach (var part in new[] { splits.Validation, splits.Test })
            {
                var images = part.Data.GetColumn<float[]>(ProtocolColumns.Image).ToList();
                var classes = part.Data.GetColumn<int>(ProtocolColumns.Class).ToList();
                for (int k = 0; k < images.Count; k += 2)
                {
                    var natural = images[k];
                    images[k + 1].Should().Equal(alteration.Apply(natural, 3, 32, 32, AlterationSeed.For(3, natural)), $"{alteration.Name}, pair {k / 2}");
                    classes[k + 1].Should().Be(classes[k], "an anomaly keeps the class of its natural image");
                }
            }
        }
    }

    [Fact]
    public void Every_part_has_a_mask_column_all_zero_for_natural_images_and_the_alterations_mask_for_anomalies()
    {
        var limits = new ProtocolLimits(Train: 50, Validation: 40, Test: 40);
        foreach (var alteration in new ImageAlteration[] { new BlockPermutation(2), new Strokes(1), new CutPaste(), new CutPasteScar() })
        {
            var splits = AlterationProtocol.Create(Cifar, alteration, seed: 5, limits);
            foreach (var part in new[] { splits.Train, splits.Validation, splits.Test })
            {
                ((VectorDataViewType)part.Data.Schema[ProtocolColumns.Mask].Type).Dimensions.Should().Equal(32, 32);
                part.Data.Schema.Select(c => c.Name).Should().Equal(ProtocolColumns.Image, ProtocolColumns.Label, ProtocolColumns.Class, ProtocolColumns.Mask);
            }
            splits.Train.Data.GetColumn<float[]>(ProtocolColumns.Mask).Should().OnlyContain(m => m.All(v => v == 0), "training images are natural");
            foreach (var part in new[] { splits.Validation, splits.Test })
            {
                var images = part.Data.GetColumn<float[]>(ProtocolColumns.Image).ToList();
                var masks = part.Data.GetColumn<float[]>(ProtocolColumns.Mask).ToList();
                for (int k = 0; k < images.Count; k += 2)
                {
                    masks[k].Should().OnlyContain(v => v == 0, $"{alteration.Name}, row {k} is natural");
                    var expected = alteration.ApplyWithMask(images[k], 3, 32, 32, AlterationSeed.For(5, images[k])).Mask;
                    masks[k + 1].Should().Equal(expected.Select(m => m ? 1f : 0f), $"{alteration.Name}, row {k + 1} is the counterpart of row {k}");
                    masks[k + 1].Should().Contain(1f);
                }
            }
        }
        OneVsAllProtocol.Create(Cifar, 1, seed: 5, limits).Test.Data.Schema.GetColumnOrNull(ProtocolColumns.Mask)
            .Should().BeNull("a whole image of another class has no defect region");
    }

    [Fact]
    public void Anomalies_are_what_the_ML_NET_transform_makes_of_the_natural_images_with_the_same_seed()
    {
        var ml = new MLContext(seed: 1);
        var splits = AlterationProtocol.Create(Cifar, new BlockPermutation(4), seed: 9, new ProtocolLimits(Train: 10, Validation: 40, Test: 40));
        var natural = ml.Data.FilterRowsByColumn(splits.Test.Data, ProtocolColumns.Label, upperBound: 0.5);
        var transformed = ml.Transforms.BlockPermutation("Altered", ProtocolColumns.Image, blocks: 4, seed: 9).Fit(natural).Transform(natural);
        var anomalies = ml.Data.FilterRowsByColumn(splits.Test.Data, ProtocolColumns.Label, lowerBound: 0.5);
        transformed.GetColumn<float[]>("Altered").Should().BeEquivalentTo(anomalies.GetColumn<float[]>(ProtocolColumns.Image), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Limits_keep_a_random_subset_of_the_full_parts_and_seeds_decide_which()
    {
        var full = AlterationPlan.Make(Cifar.Train, Cifar.Test, seed: 4, ProtocolLimits.None);
        var limited = AlterationPlan.Make(Cifar.Train, Cifar.Test, seed: 4, new ProtocolLimits(Validation: 200, Test: 100));
        limited.Validation.Should().HaveCount(100).And.BeInAscendingOrder();
        limited.Validation.Except(full.Validation).Should().BeEmpty("a limit keeps a subset of the full part");
        limited.Test.Should().HaveCount(50).And.BeInAscendingOrder();
        limited.Train.Should().Equal(full.Train, "training is limited by the caller, from the same shuffled order");
        AlterationPlan.Make(Cifar.Train, Cifar.Test, seed: 5, ProtocolLimits.None).Train.Should().NotEqual(full.Train);
    }

    [Fact]
    public void Rejects_an_alteration_that_cannot_handle_32_by_32_images()
    {
        var act = () => AlterationProtocol.Create(Cifar, new BlockPermutation(3), seed: 1);
        act.Should().Throw<ArgumentException>().WithMessage("*divisible by 3*");
    }
}
