using MLNet.DeepSvdd.Baselines.Geo.Dirichlet;

namespace MLNet.DeepSvdd.Tests.Baselines.Geo;

public class DirichletTests
{
    private const double EulerGamma = 0.57721566490153286;

    [Fact]
    public void Digamma_and_trigamma_match_their_closed_forms()
    {
        SpecialFunctions.Digamma(1).Should().BeApproximately(-EulerGamma, 1e-12);
        SpecialFunctions.Digamma(0.5).Should().BeApproximately(-EulerGamma - 2 * Math.Log(2), 1e-12);
        SpecialFunctions.Digamma(10).Should().BeApproximately(-EulerGamma + Enumerable.Range(1, 9).Sum(k => 1.0 / k), 1e-12);
        SpecialFunctions.Digamma(1e-3).Should().BeApproximately(-1000.0 - EulerGamma + Math.PI * Math.PI / 6 * 1e-3, 1e-5);
        SpecialFunctions.Trigamma(1).Should().BeApproximately(Math.PI * Math.PI / 6, 1e-12);
        SpecialFunctions.Trigamma(0.5).Should().BeApproximately(Math.PI * Math.PI / 2, 1e-11);
        SpecialFunctions.Trigamma(3).Should().BeApproximately(Math.PI * Math.PI / 6 - 1 - 0.25, 1e-12);
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(0.3)]
    [InlineData(1)]
    [InlineData(7.5)]
    [InlineData(1e4)]
    public void InverseDigamma_inverts_digamma(double x)
    {
        SpecialFunctions.InverseDigamma(SpecialFunctions.Digamma(x)).Should().BeApproximately(x, 1e-9 * x);
    }

    [Fact]
    public void The_fit_from_the_exact_expected_log_probabilities_returns_the_true_parameters()
    {
        // E[log p_k] = ψ(α_k) − ψ(Σα) for p ~ Dir(α): the likelihood's stationary point is α itself.
        double[] alpha = [0.05, 0.3, 1, 4, 40, 200];
        double sum = alpha.Sum();
        var meanLog = alpha.Select(a => SpecialFunctions.Digamma(a) - SpecialFunctions.Digamma(sum)).ToArray();
        var fit = DirichletMle.FromMeanLog(meanLog, Enumerable.Repeat(1.0, alpha.Length).ToArray());
        fit.Converged.Should().BeTrue();
        for (int k = 0; k < alpha.Length; k++) fit.Alpha[k].Should().BeApproximately(alpha[k], 1e-6 * alpha[k]);
    }

    [Fact]
    public void The_fit_recovers_known_parameters_from_samples_of_that_dirichlet()
    {
        double[] alpha = [0.5, 2, 5, 12];
        var random = new Random(7);
        int n = 20_000;
        var meanLog = new double[alpha.Length];
        var meanP = new double[alpha.Length];
        var meanP2 = new double[alpha.Length];
        for (int i = 0; i < n; i++)
        {
            var p = SampleDirichlet(random, alpha);
            for (int k = 0; k < alpha.Length; k++)
            {
                meanLog[k] += Math.Log(p[k]) / n;
                meanP[k] += p[k] / n;
                meanP2[k] += p[k] * p[k] / n;
            }
        }
        var start = DirichletMle.MomentMatching(meanP, meanP2);
        for (int k = 0; k < alpha.Length; k++) start[k].Should().BeApproximately(alpha[k], 0.1 * alpha[k], "moment matching is a good start");
        var fit = DirichletMle.FromMeanLog(meanLog, start);
        fit.Converged.Should().BeTrue();
        fit.Iterations.Should().BeLessThan(50, "Newton's method converges quadratically");
        for (int k = 0; k < alpha.Length; k++) fit.Alpha[k].Should().BeApproximately(alpha[k], 0.05 * alpha[k]);
    }

    [Fact]
    public void A_bad_start_still_converges_through_the_fixed_point_fallback()
    {
        double[] alpha = [0.02, 0.02, 30];
        double sum = alpha.Sum();
        var meanLog = alpha.Select(a => SpecialFunctions.Digamma(a) - SpecialFunctions.Digamma(sum)).ToArray();
        var fit = DirichletMle.FromMeanLog(meanLog, [50, 50, 0.01], maxIterations: 5000);
        fit.Converged.Should().BeTrue();
        for (int k = 0; k < alpha.Length; k++) fit.Alpha[k].Should().BeApproximately(alpha[k], 1e-6 * alpha[k]);
    }

    [Fact]
    public void Mean_log_probabilities_above_zero_are_refused()
    {
        var act = () => DirichletMle.FromMeanLog([-1, 0.5], [1, 1]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Mean log probability 1*");
    }

    /// <summary>Dir(α) by normalised Gamma(α_k, 1) draws (Marsaglia–Tsang, with the α &lt; 1 boost).</summary>
    private static double[] SampleDirichlet(Random random, double[] alpha)
    {
        var g = alpha.Select(a => SampleGamma(random, a)).ToArray();
        double s = g.Sum();
        return g.Select(v => v / s).ToArray();
    }

    private static double SampleGamma(Random random, double shape)
    {
        if (shape < 1) return SampleGamma(random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = StandardNormal.Sample(random), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = 1 - random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }
}
