using MLNet.DeepSvdd.Baselines.Data;
using MLNet.DeepSvdd.Baselines.Svm;

namespace MLNet.DeepSvdd.Tests.Baselines;

public class OneClassSvmTests
{
    private readonly MLContext ml = new(seed: 1);

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void The_dual_constraints_hold_after_training(double nu)
    {
        var rows = BaselineData.Gaussian(400, seed: 1);
        var model = ml.AnomalyDetection.Trainers.OneClassSvm(nu: nu).Fit(BaselineData.View(ml, rows));

        model.Converged.Should().BeTrue();
        model.TrainingRows.Should().Be(400);
        model.DualCoefficients.Should().OnlyContain(a => a > 0 && a <= 1, "0 ≤ α_i ≤ 1 (LIBSVM's box), and only α_i > 0 are kept");
        model.DualCoefficients.Sum().Should().BeApproximately(nu * 400, 1e-9, "Σ α_i = ν·n");
        // ν-property (Schölkopf et al. 2001, Prop. 4): #{α_i = 1} ≤ νn ≤ #{α_i > 0}.
        model.DualCoefficients.Count(a => a == 1).Should().BeLessThanOrEqualTo((int)Math.Floor(nu * 400));
        model.SupportVectorCount.Should().BeGreaterThanOrEqualTo((int)Math.Ceiling(nu * 400));
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.2)]
    [InlineData(0.5)]
    public void About_a_fraction_nu_of_the_training_rows_falls_outside_the_boundary(double nu)
    {
        var rows = BaselineData.Gaussian(400, seed: 2);
        var data = BaselineData.View(ml, rows);
        var model = ml.AnomalyDetection.Trainers.OneClassSvm(nu: nu).Fit(data);

        double outside = model.Transform(data).GetColumn<bool>("PredictedLabel").Count(x => x) / 400.0;
        outside.Should().BeApproximately(nu, 0.02);
        // Exactly, ν bounds the margin errors (α_i = 1) from above; at tolerance ε the rows with f < −ε are all margin errors.
        int clearlyOutside = rows.Count(r => model.DecisionFunction(r.Features) < -1e-3);
        clearlyOutside.Should().BeLessThanOrEqualTo((int)Math.Floor(nu * 400));
    }

    [Fact]
    public void Nu_one_puts_every_row_at_the_bound_with_a_finite_rho()
    {
        // ν = 1: α_i = 1 for all i, so ρ is only bounded below (by max_i G_i); LIBSVM returns ∞ here, this solver the bound.
        var rows = BaselineData.Gaussian(30, seed: 8);
        var model = ml.AnomalyDetection.Trainers.OneClassSvm(nu: 1).Fit(BaselineData.View(ml, rows));
        model.DualCoefficients.Should().HaveCount(30).And.OnlyContain(a => a == 1);
        double maxG = rows.Max(r => rows.Sum(s => Math.Exp(-model.Gamma * SquaredDistance(r.Features, s.Features))));
        model.Rho.Should().BeApproximately(maxG, 1e-5 * maxG);
        rows.Should().OnlyContain(r => model.DecisionFunction(r.Features) <= 1e-5);
    }

    private static double SquaredDistance(float[] a, float[] b) => a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum();

    [Fact]
    public void Score_is_minus_the_decision_function_and_the_label_says_f_is_negative()
    {
        var data = BaselineData.View(ml, BaselineData.Gaussian(200, seed: 3));
        var test = BaselineData.Gaussian(50, seed: 4, scale: 2);
        var model = ml.AnomalyDetection.Trainers.OneClassSvm(nu: 0.2).Fit(data);
        var output = model.Transform(BaselineData.View(ml, test));
        var scores = output.GetColumn<float>("Score").ToArray();
        var labels = output.GetColumn<bool>("PredictedLabel").ToArray();

        model.Threshold.Should().Be(0);
        for (int i = 0; i < test.Count; i++)
        {
            double f = model.DecisionFunction(test[i].Features);
            scores[i].Should().Be((float)-f);
            labels[i].Should().Be(f < 0);
        }
        labels.Should().Contain(true).And.Contain(false);
    }

    [Fact]
    public void Gamma_scale_is_one_over_d_times_the_variance_of_all_values()
    {
        // Values {0, 0, 2, 2}: mean 1, population variance 1, d = 2 → γ = 1/2.
        RbfKernel.ScaleGamma(FeatureMatrix.FromValues([0, 0, 2, 2], 2)).Should().Be(0.5);
        // Values {1, 2, 3, 4, 5, 6}: variance 35/12, d = 3 → γ = 12/105.
        RbfKernel.ScaleGamma(FeatureMatrix.FromValues([1, 2, 3, 4, 5, 6], 3)).Should().BeApproximately(12.0 / 105, 1e-15);
        RbfKernel.ScaleGamma(FeatureMatrix.FromValues([7, 7, 7, 7], 2)).Should().Be(1, "scikit-learn uses 1 when the variance is 0");
        RbfKernel.SquaredDistance([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).Should().Be(506);
    }

    [Fact]
    public void The_solution_does_not_depend_on_the_cache_size_or_thread_count_and_shrinking_stays_within_tolerance()
    {
        // 1 200 rows: a full kernel row is 4.8 kB and the start needs 600 of them, so a 1 MB cache must evict and recompute.
        var rows = BaselineData.Gaussian(1200, seed: 5);
        var data = BaselineData.View(ml, rows);
        var probe = BaselineData.Gaussian(100, seed: 6, scale: 1.5);
        double[] Decisions(Action<OneClassSvmTrainer.Options> change)
        {
            var options = new OneClassSvmTrainer.Options { Nu = 0.5 };
            change(options);
            var model = ml.AnomalyDetection.Trainers.OneClassSvm(options).Fit(data);
            model.Converged.Should().BeTrue();
            return probe.Select(r => model.DecisionFunction(r.Features)).ToArray();
        }

        var reference = Decisions(_ => { });
        Decisions(o => o.CacheSizeMb = 1).Should().Equal(reference);
        Decisions(o => o.NumberOfThreads = 1).Should().Equal(reference);
        Decisions(o => o.Shrinking = false).Should().Equal(reference, (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void The_kernel_cache_stays_within_its_budget_and_evicts_the_least_recently_used_row()
    {
        // Budget below the minimum: two full rows (2 × 10 floats) are always allowed.
        var cache = new KernelCache(10, budgetBytes: 4);
        cache.Capacity.Should().Be(20);
        cache.Get(0, 10, out int valid).Should().HaveCount(10);
        valid.Should().Be(0);
        cache.Get(1, 10, out valid);
        cache.Get(0, 10, out valid);
        valid.Should().Be(10, "row 0 is still cached");
        cache.Get(2, 10, out valid);
        valid.Should().Be(0);
        cache.Used.Should().Be(20);
        cache.Get(1, 10, out valid);
        valid.Should().Be(0, "row 1 was the least recently used and was evicted for row 2");
        cache.Get(0, 10, out valid);
        valid.Should().Be(0, "row 0 made room for row 1");

        var growing = new KernelCache(10, budgetBytes: 1 << 20);
        var row = growing.Get(3, 4, out valid);
        valid.Should().Be(0);
        row[2] = 42;
        row = growing.Get(3, 8, out valid);
        valid.Should().Be(4, "a longer prefix extends the cached one");
        row[2].Should().Be(42);
        growing.Swap(2, 5);
        growing.Get(3, 8, out valid)[5].Should().Be(42, "columns 2 and 5 of cached rows follow a swap of points 2 and 5");
        growing.Swap(6, 9);
        growing.Get(3, 8, out valid);
        valid.Should().Be(0, "a row that holds only one of the swapped columns is dropped");
    }

    [Fact]
    public void The_solver_reports_when_it_stops_at_the_iteration_limit()
    {
        var data = BaselineData.View(ml, BaselineData.Gaussian(300, seed: 7));
        var model = ml.AnomalyDetection.Trainers.OneClassSvm(new OneClassSvmTrainer.Options { MaxIterations = 3 }).Fit(data);
        model.Converged.Should().BeFalse();
        model.Iterations.Should().Be(3);
        model.DualCoefficients.Sum().Should().BeApproximately(30, 1e-9, "every iterate is feasible");
    }

    [Fact]
    public void SelectGamma_picks_the_grid_value_with_the_best_validation_AUC()
    {
        var fixture = SklearnFixture.Data;
        double scale = fixture.Number("ocsvm_a", "gamma");
        double[] grid = [scale * 1e-3, scale / 4, scale, scale * 4, scale * 1e3];
        var selection = OneClassSvmTrainer.SelectGamma(ml, fixture.TrainView(ml), fixture.TestView(ml), grid);

        selection.Candidates.Select(c => c.Gamma).Should().Equal(grid);
        selection.BestAuc.Should().Be(selection.Candidates.Max(c => c.Auc));
        selection.BestGamma.Should().Be(selection.Candidates.First(c => c.Auc == selection.BestAuc).Gamma);
        selection.Model.Gamma.Should().Be(selection.BestGamma);
        selection.BestAuc.Should().BeGreaterThan(0.95);
        selection.Candidates[^1].Auc.Should().BeLessThan(selection.BestAuc, "with γ = 1000·scale every point is its own island");
        var check = ml.AnomalyDetection.Evaluate(selection.Model.Transform(fixture.TestView(ml)));
        check.AreaUnderRocCurve.Should().BeApproximately(selection.BestAuc, 1e-9);
    }
}
