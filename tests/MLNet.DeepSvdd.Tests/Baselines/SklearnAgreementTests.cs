using Xunit.Abstractions;

namespace MLNet.DeepSvdd.Tests.Baselines;

/// <summary>The baselines against scikit-learn 1.2.1 on the committed fixture (Fixtures/make_fixture.py).</summary>
public class SklearnAgreementTests(ITestOutputHelper output)
{
    private static readonly SklearnFixture Fixture = SklearnFixture.Data;

    [Theory]
    [InlineData("ocsvm_a", 0.1, null)]
    [InlineData("ocsvm_b", 0.5, 0.05)]
    public void One_class_SVM_decision_values_match_scikit_learn(string section, double nu, double? gamma)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.AnomalyDetection.Trainers.OneClassSvm(nu: nu, gamma: gamma).Fit(Fixture.TrainView(ml));
        double[] expected = section == "ocsvm_a" ? Fixture.SvmADecision : Fixture.SvmBDecision;
        double[] actual = Fixture.Test.Select(r => model.DecisionFunction(r.Features)).ToArray();

        double maxAbs = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        double scale = expected.Max(Math.Abs);
        output.WriteLine($"{section}: γ {model.Gamma:R} (sklearn {Fixture.Number(section, "gamma"):R}), ρ {model.Rho:R} (sklearn {Fixture.Number(section, "rho"):R}), " +
            $"SVs {model.SupportVectorCount} (sklearn {Fixture.Number(section, "n_support")}), iterations {model.Iterations}; " +
            $"max |Δf| {maxAbs:E3} = {maxAbs / scale:E3} of max |f| {scale:F3}");

        model.Gamma.Should().BeApproximately(Fixture.Number(section, "gamma"), 1e-12 * model.Gamma);
        model.SupportVectorCount.Should().Be((int)Fixture.Number(section, "n_support"));
        model.Rho.Should().BeApproximately(Fixture.Number(section, "rho"), 1e-3 * Math.Abs(model.Rho));
        maxAbs.Should().BeLessThan(1e-3 * scale);
        // The Score column is −f(x) in float.
        var scores = model.Transform(Fixture.TestView(ml)).GetColumn<float>("Score").ToArray();
        scores.Should().Equal(actual.Select(f => (float)-f));
    }

    [Fact]
    public void Isolation_Forest_ranks_the_test_rows_like_scikit_learn_for_every_seed()
    {
        // Both forests are random (100 trees each), so the scores cannot match; the rankings and AUCs must. Measured on this fixture:
        // Spearman 0.959–0.972 and |ΔAUC| ≤ 0.013 for seeds 0–9 — as close as scikit-learn is to itself (random_state 1–9 against 0:
        // Spearman 0.946–0.975, AUC 0.932–0.966).
        var ml = new MLContext(seed: 1);
        double sklearnAuc = Fixture.Number("isolation_forest", "test_auc");
        for (int seed = 0; seed < 5; seed++)
        {
            var model = ml.AnomalyDetection.Trainers.IsolationForest(seed: seed).Fit(Fixture.TrainView(ml));
            double[] actual = model.Transform(Fixture.TestView(ml)).GetColumn<float>("Score").Select(s => (double)s).ToArray();
            double spearman = RankStatistics.Spearman(actual, Fixture.IsolationForestScores);
            double auc = RankStatistics.Auc(actual, Fixture.TestIsAnomaly);
            double maxAbs = actual.Zip(Fixture.IsolationForestScores, (a, e) => Math.Abs(a - e)).Max();
            output.WriteLine($"seed {seed}: Spearman {spearman:F4}, AUC {auc:F4} (sklearn {sklearnAuc:F4}), threshold {model.Threshold:F4} " +
                $"(sklearn {Fixture.Number("isolation_forest", "threshold"):F4}), max |Δs| {maxAbs:F4}");

            spearman.Should().BeGreaterThan(0.9);
            auc.Should().BeApproximately(sklearnAuc, 0.03);
            model.Threshold.Should().BeApproximately((float)Fixture.Number("isolation_forest", "threshold"), 0.02f);
        }
    }
}
