using MLNet.DeepSvdd.Datasets.Protocols;

namespace MLNet.DeepSvdd.Tests.Datasets;

public class OneVsAllProtocolTests
{
    private const int Cat = 3;
    private static Cifar10Dataset Cifar => Support.Cifar10Data.Dataset;

    [Fact]
    public void Full_size_has_the_papers_parts_4000_train_1000_plus_45000_validation_and_the_official_test_set()
    {
        var splits = OneVsAllProtocol.Create(Cifar, normalClass: Cat, seed: 1);

        (splits.Train.Count, splits.Train.Normal, splits.Train.Anomalous, splits.Train.Unlabeled).Should().Be((4_000, 4_000, 0, 0));
        (splits.Validation.Normal, splits.Validation.Anomalous).Should().Be((1_000, 45_000), "the rest of the training set");
        (splits.Test.Normal, splits.Test.Anomalous).Should().Be((1_000, 9_000), "the official test set");
        splits.Description.Should().Be("CIFAR-10 one-vs-all, normal class 3 (cat), seed 1");

        foreach (var part in new[] { splits.Train, splits.Validation, splits.Test })
        {
            var image = (VectorDataViewType)part.Data.Schema[ProtocolColumns.Image].Type;
            image.Dimensions.Should().Equal(3, 32, 32);
            part.Data.Schema[ProtocolColumns.Label].Type.Should().Be(NumberDataViewType.Single);
            part.Data.GetRowCount().Should().Be(part.Count);
            var labels = part.Data.GetColumn<float>(ProtocolColumns.Label).ToList();
            var classes = part.Data.GetColumn<int>(ProtocolColumns.Class).ToList();
            labels.Count(l => l == 0).Should().Be(part.Normal);
            labels.Zip(classes).Should().OnlyContain(p => (p.First == 0) == (p.Second == Cat), "label 0 exactly for the normal class");
        }
    }

    [Fact]
    public void Training_and_validation_normal_images_split_the_class_80_20_without_overlap_and_rows_are_the_real_pixels()
    {
        var plan = OneVsAllPlan.Make(Cifar.Train, Cifar.Test, Cat, anomalyClass: null, labeledAnomalies: null, seed: 7, ProtocolLimits.None);
        var cats = Enumerable.Range(0, Cifar.Train.Count).Where(i => Cifar.Train.ClassOf(i) == Cat).ToHashSet();
        var train = plan.Train.Select(r => r.Source).ToList();
        var validationNormal = plan.Validation.Where(r => r.Label == 0).Select(r => r.Source).ToList();
        // Set checks in plain LINQ: FluentAssertions' collection equivalence is quadratic in the size.
        train.Should().HaveCount(4_000).And.OnlyContain(i => cats.Contains(i));
        train.Distinct().Count().Should().Be(4_000);
        train.Intersect(validationNormal).Should().BeEmpty();
        train.Concat(validationNormal).Order().Should().Equal(cats.Order());
        train.Should().NotBeInAscendingOrder("training images come in their shuffled order");
        plan.Validation.Select(r => r.Source).Should().BeInAscendingOrder().And.HaveCount(46_000);
        plan.Test.Select(r => r.Source).Should().Equal(Enumerable.Range(0, 10_000));

        var splits = OneVsAllProtocol.Create(Cifar, Cat, seed: 7);
        var firstImages = splits.Train.Data.GetColumn<float[]>(ProtocolColumns.Image).Take(3).ToList();
        firstImages.Should().BeEquivalentTo(train.Take(3).Select(i => Cifar.Train[i].Image), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Same_seed_gives_the_same_rows_and_another_seed_other_training_images()
    {
        Sources(1).Should().Equal(Sources(1));
        Sources(2).Should().NotEqual(Sources(1));
        Sources(2).Order().Should().NotEqual(Sources(1).Order(), "another seed picks another 80 % of the class");

        static List<int> Sources(int seed) =>
            [.. OneVsAllPlan.Make(Cifar.Train, Cifar.Test, Cat, null, null, seed, ProtocolLimits.None).Train.Select(r => r.Source)];
    }

    [Fact]
    public void Limits_shrink_each_part_balanced_by_default_or_in_proportion()
    {
        var balanced = OneVsAllProtocol.Create(Cifar, Cat, seed: 1, new ProtocolLimits(Train: 500, Validation: 300, Test: 401));
        (balanced.Train.Count, balanced.Train.Normal).Should().Be((500, 500));
        (balanced.Validation.Normal, balanced.Validation.Anomalous).Should().Be((150, 150));
        (balanced.Test.Normal, balanced.Test.Anomalous).Should().Be((201, 200), "the odd row goes to the normal half");
        balanced.Description.Should().EndWith("limits train 500 / validation 300 / test 401 (Balanced)");

        var full = OneVsAllPlan.Make(Cifar.Train, Cifar.Test, Cat, null, null, seed: 1, ProtocolLimits.None);
        var limited = OneVsAllPlan.Make(Cifar.Train, Cifar.Test, Cat, null, null, seed: 1, new ProtocolLimits(Train: 500, Validation: 300));
        limited.Train.Should().Equal(full.Train.Take(500), "a training limit keeps the first images of the shuffled 80 %");
        limited.Validation.Should().BeInAscendingOrder(r => r.Source);
        limited.Validation.Except(full.Validation).Should().BeEmpty("a limit keeps a subset of the full part");

        var proportional = OneVsAllProtocol.Create(Cifar, Cat, seed: 1, new ProtocolLimits(Validation: 300, Test: 400, Sampling: LimitSampling.Proportional));
        (proportional.Validation.Normal, proportional.Validation.Anomalous).Should().Be((7, 293), "1 000 of 46 000 is 2.2 %");
        (proportional.Test.Normal, proportional.Test.Anomalous).Should().Be((40, 360), "1 000 of 10 000 is 10 %");
    }

    [Theory]
    [InlineData(10, 1000, 45_000, LimitSampling.Balanced, 5, 5)]
    [InlineData(3000, 1000, 45_000, LimitSampling.Balanced, 1000, 2000)]
    [InlineData(7, 2, 100, LimitSampling.Balanced, 2, 5)]
    [InlineData(10, 1, 100, LimitSampling.Proportional, 1, 9)]
    [InlineData(100, 500, 500, LimitSampling.Proportional, 50, 50)]
    public void Limit_shares_between_normal_and_anomalous_rows(int limit, int normal, int anomalous, LimitSampling sampling, int keepNormal, int keepAnomalous) =>
        RowSampling.Shares(limit, normal, anomalous, sampling).Should().Be((keepNormal, keepAnomalous));

    [Fact]
    public void Rejects_a_class_out_of_range_and_limits_below_two()
    {
        var act = () => OneVsAllProtocol.Create(Cifar, normalClass: 10, seed: 1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0 to 9*");
        var tiny = () => OneVsAllProtocol.Create(Cifar, Cat, seed: 1, new ProtocolLimits(Validation: 1));
        tiny.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least 2*");
    }
}
