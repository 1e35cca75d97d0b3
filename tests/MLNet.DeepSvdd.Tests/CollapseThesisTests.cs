using Xunit.Abstractions;

namespace MLNet.DeepSvdd.Tests;

/// <summary>
/// Issue 12, "The paper's thesis, checked" (docs/collapse-thesis.md): do the paper's regularizers keep a biased network from collapsing?
/// One collapse-prone setting, the paper's settings everywhere except the learning rate (batch 50, 30 epochs, weight decay 5e-4,
/// adaptive weighting with c₀ = 0, α = 0.9, β = 0.5, head learning rate 1e-3, k = 64 noise heads, d₀ = 0.1 annealed ÷10 every r = 3
/// epochs): a biased Mlp [10 → 32 → 16] on 20 000 normal rows of the synthetic problem, at learning rate 1e-3 for φ (the paper's 1e-4
/// collapses nothing in 30 epochs; 1e-3 is the paper's rate for the noise head). What holds there, and what these tests pin:
/// <list type="bullet">
/// <item>without a regularizer the network collapses (features identical to float precision, AUC at chance) and the check says so;</item>
/// <item>the variance hinge (σ² reg.) prevents it: it holds the minibatch variance near d_t while the annealed threshold is large, and
/// the model ends far above the collapse tolerance and still separates the anomalies;</item>
/// <item>noise injection with the paper's adaptive weighting does not: c_t = α·c_{t−1} + β(1−α)·L_svdd/L_reg with L_reg ≈ log 2 follows
/// L_svdd to zero, so the regularizer is weighted away and the run is indistinguishable from the unregularized one.</item>
/// </list>
/// The hinge's success depends on the first epoch: it only pushes back while the variance is above about ⅔·d_t (eq. 7 then makes
/// c_t exceed p), so a run whose variance falls below that while c_t ramps up from c₀ = 0 collapses like the others: at learning rate
/// 2e-3 that happened for 3 of 4 seeds, at 1e-3 for none of 5 (see the note). The three models are trained once, concurrently, for the whole class.
/// </summary>
public sealed class CollapseThesisTests : IClassFixture<CollapseThesisTests.Models>
{
    private readonly Models models;

    public CollapseThesisTests(Models models, ITestOutputHelper output)
    {
        this.models = models;
        output.WriteLine($"Three fits, concurrently: {models.Duration.TotalSeconds:F1} s");
        foreach (var (name, o) in new[] { ("none", models.None), ("σ² reg.", models.Hinge), ("noise reg.", models.Noise) })
        {
            output.WriteLine($"{name}: relative feature variance {o.RelativeVariance:G3}, collapsed {o.Report.Collapse.IsCollapsed}, " +
                $"AUC {o.Auc:F3}, fit {o.Duration.TotalSeconds:F1} s");
            output.WriteLine(o.Report.ToString());
        }
    }

    public const int TrainingRows = 20_000;

    public static DeepSvddTrainer.Options Setting(CollapseRegularizer regularizer) => new()
    {
        UseBias = true,
        Network = DeepSvddNetwork.Mlp,
        HiddenLayers = [32],
        RepresentationDimension = 16,
        Regularizer = regularizer,
        Weighting = RegularizerWeighting.Adaptive,
        LearningRate = 1e-3f,
        HeadLearningRate = 1e-3f,
        NoiseHeads = 64,
        VarianceThreshold = 0.1f,
        VarianceAnnealEpochs = 3,
        Alpha = 0.9f,
        Beta = 0.5f,
        WeightDecay = 5e-4f,
        BatchSize = 50,
        Epochs = 30,
        ThrowOnCollapse = false,
        Seed = 1,
    };

    public sealed record Outcome(TrainingReport Report, double Auc, TimeSpan Duration)
    {
        public double RelativeVariance => Report.Collapse.RelativeFeatureVariance;
    }

    /// <summary>Trains the three variants once (concurrently, each with its own MLContext) on the same data.</summary>
    public sealed class Models
    {
        public Models()
        {
            var clock = Stopwatch.StartNew();
            var data = new SyntheticData(0);
            var train = data.NormalRows(TrainingRows);
            var test = data.MixedRows(1000);
            Outcome Fit(CollapseRegularizer regularizer)
            {
                var ml = new MLContext(seed: 1);
                var started = Stopwatch.StartNew();
                var model = ml.AnomalyDetection.Trainers.DeepSvdd(Setting(regularizer)).Fit(SyntheticData.Load(ml, train));
                double auc = ml.AnomalyDetection.Evaluate(model.Transform(SyntheticData.Load(ml, test))).AreaUnderRocCurve;
                return new Outcome(model.Report, auc, started.Elapsed);
            }
            var none = Task.Run(() => Fit(CollapseRegularizer.None));
            var hinge = Task.Run(() => Fit(CollapseRegularizer.VarianceHinge));
            var noise = Task.Run(() => Fit(CollapseRegularizer.NoiseInjection));
            Task.WaitAll(none, hinge, noise);
            (None, Hinge, Noise) = (none.Result, hinge.Result, noise.Result);
            Duration = clock.Elapsed;
        }

        public Outcome None { get; }
        public Outcome Hinge { get; }
        public Outcome Noise { get; }
        public TimeSpan Duration { get; }
    }

    [Fact]
    public void Without_a_regularizer_the_biased_network_collapses_and_the_check_says_so()
    {
        var none = models.None;
        none.Report.Collapse.IsCollapsed.Should().BeTrue(none.Report.ToString());
        none.RelativeVariance.Should().BeLessThan(1e-9, "the features converge to one point, not merely close to the tolerance");
        none.Auc.Should().BeInRange(0.3, 0.7, "a collapsed detector is no better than chance");
    }

    [Fact]
    public void The_variance_hinge_keeps_the_same_network_from_collapsing_and_it_still_detects_anomalies()
    {
        var hinge = models.Hinge;
        hinge.Report.Collapse.IsCollapsed.Should().BeFalse(hinge.Report.ToString());
        hinge.RelativeVariance.Should().BeGreaterThan(2e-5, "twenty times the collapse tolerance (1.7e-4 measured; 3e-4 to 1.2e-3 for seeds 2–5)");
        hinge.RelativeVariance.Should().BeGreaterThan(1e4 * Math.Max(models.None.RelativeVariance, 1e-30));
        hinge.Auc.Should().BeGreaterThan(0.95);
        // The mechanism: while d_t = 0.1 (epochs 1–3) the hinge holds the minibatch variance above ⅔·d_t, where eq. 7 lets it win …
        hinge.Report.Epochs.Skip(1).Take(3).Should().OnlyContain(e => e.FeatureVariance > 0.1 * 2 / 3, hinge.Report.ToString());
        // … while the unregularized run has lost more than two orders of magnitude by then.
        models.None.Report.Epochs[3].FeatureVariance.Should().BeLessThan(1e-2 * hinge.Report.Epochs[3].FeatureVariance);
    }

    [Fact]
    public void Noise_injection_with_adaptive_weighting_is_weighted_away_and_collapses_like_no_regularizer()
    {
        var noise = models.Noise;
        var last = noise.Report.Epochs[^1];
        last.RegularizerLoss.Should().BeApproximately(Math.Log(2), 0.01, "the head cannot fit random labels: L_reg → log 2 (section IV-D)");
        last.RegularizerWeight.Should().BeLessThan(1e-5, "c_t ≈ β·L_svdd/L_reg follows L_svdd to zero");
        noise.Report.Collapse.IsCollapsed.Should().BeTrue(noise.Report.ToString());
        noise.RelativeVariance.Should().BeLessThan(1e-9);
        noise.Auc.Should().BeInRange(0.3, 0.7);
    }
}
