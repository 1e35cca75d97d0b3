using MLNet.DeepSvdd.Training;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Training;

public class CenterAndStatisticsTests
{
    [Fact]
    public void Center_entries_closer_to_zero_than_eps_are_pushed_to_plus_or_minus_eps()
    {
        using var mean = tensor(new[] { 0.5f, -0.05f, 0.05f, 0f, -0.3f, 0.1f });
        using var c = HypersphereCenter.ApplyEpsilonRule(mean, 0.1);
        c.data<float>().ToArray().Should().Equal([0.5f, -0.1f, 0.1f, 0.1f, -0.3f, 0.1f]);
    }

    [Fact]
    public void Center_is_the_mean_feature_over_all_batches()
    {
        using var data = tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, [4, 2]);
        // identity features, batches of 3 and 1 rows: mean (4, 5)
        using var c = HypersphereCenter.Compute(x => x.clone(), data, batchSize: 3, epsilon: 0.1);
        c.data<float>().ToArray().Should().Equal([4f, 5f]);
    }

    [Fact]
    public void Quantile_interpolates_linearly_between_order_statistics()
    {
        float[] values = [4, 1, 3, 2];
        Quantile.Of(values, 0.9).Should().BeApproximately(3.7, 1e-12);
        Quantile.Of(values, 0.5).Should().BeApproximately(2.5, 1e-12);
        Quantile.Of(values, 0).Should().Be(1);
        Quantile.Of(values, 1).Should().Be(4);
    }

    [Fact]
    public void RocAuc_counts_pairs_and_half_counts_ties()
    {
        // anomalies 0.8, 0.4; normals 0.1, 0.4, 0.35: pairs (a > n): 0.8 beats 3, 0.4 beats 0.1 and 0.35, ties 0.4 → 3 + 2 + 0.5 = 5.5 of 6.
        float[] scores = [0.8f, 0.4f, 0.1f, 0.4f, 0.35f];
        bool[] anomaly = [true, true, false, false, false];
        RocAuc.Compute(scores, anomaly).Should().BeApproximately(5.5 / 6, 1e-12);
        RocAuc.Compute([1f, 2f], [false, true]).Should().Be(1);
        RocAuc.Compute([1f, 2f], [true, false]).Should().Be(0);
    }

    [Fact]
    public void Collapse_detector_flags_vanishing_variance_and_equal_scores_only()
    {
        float[] spread = [1f, 2f, 3f];
        CollapseDetector.Assess(1e-9, 0.01, spread, 1e-6).IsCollapsed.Should().BeTrue("relative variance 1e-7 < 1e-6");
        CollapseDetector.Assess(1e-3, 0.01, spread, 1e-6).IsCollapsed.Should().BeFalse();
        CollapseDetector.Assess(1e-3, 0.01, [2f, 2f, 2f], 1e-6).IsCollapsed.Should().BeTrue("every score is equal");
    }
}
