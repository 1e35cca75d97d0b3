using MLNet.DeepSvdd.Baselines.Forest;

namespace MLNet.DeepSvdd.Tests.Baselines;

public class IsolationForestTests
{
    private readonly MLContext ml = new(seed: 1);

    [Fact]
    public void Average_path_length_c_n_has_the_hand_derived_values()
    {
        // c(n) = 2H(n − 1) − 2(n − 1)/n with H(i) = ln i + 0.5772156649; c(2) = 1 and c(n ≤ 1) = 0 by definition.
        PathLength.Average(0).Should().Be(0);
        PathLength.Average(1).Should().Be(0);
        PathLength.Average(2).Should().Be(1);
        // c(3) = 2(ln 2 + 0.5772156649) − 4/3 = 2.5407256910 − 1.3333333333
        PathLength.Average(3).Should().BeApproximately(1.2073923576, 1e-9);
        // c(256) = 2(ln 255 + 0.5772156649) − 510/256 = 12.2369584201 − 1.9921875
        PathLength.Average(256).Should().BeApproximately(10.2447709201, 1e-9);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(256)]
    public void Score_is_one_half_at_the_average_path_length_and_tends_to_one_and_zero(int psi)
    {
        PathLength.AnomalyScore(PathLength.Average(psi), psi).Should().BeApproximately(0.5, 1e-15);
        PathLength.AnomalyScore(0, psi).Should().Be(1);
        PathLength.AnomalyScore(2 * PathLength.Average(psi), psi).Should().BeApproximately(0.25, 1e-15);
        PathLength.AnomalyScore(1000, psi).Should().BeLessThan(1e-3);
    }

    [Fact]
    public void Rows_that_cannot_be_split_score_exactly_one_half()
    {
        // 50 identical rows: every tree is one leaf holding ψ = 50 rows, so h(x) = 0 + c(50) = c(ψ) and s = 2^−1.
        var rows = Enumerable.Range(0, 50).Select(_ => new SmallRow { Features = [1, 2, 3, 4] }).ToList();
        var model = ml.AnomalyDetection.Trainers.IsolationForest(seed: 3).Fit(BaselineData.View(ml, rows));
        model.SampleSize.Should().Be(50);
        model.MeanPathLength(rows[0].Features).Should().BeApproximately(PathLength.Average(50), 1e-12);
        BaselineData.Scores(model, BaselineData.View(ml, rows)).Should().OnlyContain(s => s == 0.5f);
    }

    [Fact]
    public void An_isolated_point_gets_the_top_score()
    {
        var rows = BaselineData.Gaussian(300, seed: 5);
        rows.Insert(123, new SmallRow { Features = [6, -6, 6, -6] });
        var data = BaselineData.View(ml, rows);
        var model = ml.AnomalyDetection.Trainers.IsolationForest(seed: 11).Fit(data);

        var scores = BaselineData.Scores(model, data);
        Array.IndexOf(scores, scores.Max()).Should().Be(123);
        scores[123].Should().BeGreaterThan(0.7f, "a point isolated by the first few splits has a path much shorter than c(ψ)");
        scores.Where((_, i) => i != 123).Average().Should().BeLessThan(0.5f);
    }

    [Fact]
    public void The_same_seed_gives_the_same_scores_whatever_the_thread_count()
    {
        var data = BaselineData.View(ml, BaselineData.Gaussian(400, seed: 6));
        var test = BaselineData.View(ml, BaselineData.Gaussian(100, seed: 7, scale: 2));
        float[] Fit(int seed, int? threads) => BaselineData.Scores(
            ml.AnomalyDetection.Trainers.IsolationForest(new IsolationForestTrainer.Options { Seed = seed, NumberOfThreads = threads }).Fit(data), test);

        var reference = Fit(42, null);
        Fit(42, null).Should().Equal(reference);
        Fit(42, 1).Should().Equal(reference);
        Fit(43, null).Should().NotEqual(reference);
    }

    [Fact]
    public void Without_a_seed_the_MLContext_seed_decides()
    {
        var rows = BaselineData.Gaussian(200, seed: 8);
        float[] Fit(int contextSeed)
        {
            var context = new MLContext(seed: contextSeed);
            var data = BaselineData.View(context, rows);
            return BaselineData.Scores(context.AnomalyDetection.Trainers.IsolationForest().Fit(data), data);
        }

        Fit(3).Should().Equal(Fit(3));
        Fit(3).Should().NotEqual(Fit(4));
    }

    [Fact]
    public void Contamination_sets_the_threshold_at_the_training_quantile()
    {
        var data = BaselineData.View(ml, BaselineData.Gaussian(300, seed: 9));
        var model = ml.AnomalyDetection.Trainers.IsolationForest(seed: 1, contamination: 0.1).Fit(data);
        var flagged = model.Transform(data).GetColumn<bool>("PredictedLabel").Count(x => x);
        flagged.Should().BeInRange(29, 30, "the (1 − 0.1) quantile of 300 interpolated scores leaves 29 or 30 above it");

        var auto = ml.AnomalyDetection.Trainers.IsolationForest(seed: 1, contamination: null).Fit(data);
        auto.Threshold.Should().Be(0.5f, "scikit-learn's contamination=\"auto\"");
        auto.WithThreshold(0.9f).Transform(data).GetColumn<bool>("PredictedLabel").Should().OnlyContain(x => !x);
    }

    [Theory]
    [InlineData(100, 100, 7)]
    [InlineData(1000, 256, 8)]
    public void Sample_size_is_capped_at_n_and_the_depth_limit_is_log2_of_it(int rows, int psi, int depth)
    {
        var model = ml.AnomalyDetection.Trainers.IsolationForest(new IsolationForestTrainer.Options { Seed = 1, NumberOfTrees = 5 })
            .Fit(BaselineData.View(ml, BaselineData.Gaussian(rows, seed: 10)));
        model.SampleSize.Should().Be(psi);
        model.MaxDepth.Should().Be(depth);
        model.NumberOfTrees.Should().Be(5);
        // No path is longer than the depth limit plus the adjustment of a leaf holding every point.
        model.MeanPathLength([100, 100, 100, 100]).Should().BeLessThanOrEqualTo(depth + PathLength.Average(psi));
    }
}
