namespace MLNet.DeepSvdd.Tests;

/// <summary>
/// The collapse story. A network with biases, trained without a regularizer at a high learning rate, maps every input to the centre
/// (W → 0, bias → c): training must fail loudly, never return a detector of constant scores.
/// </summary>
public class CollapseTests
{
    private static DeepSvddTrainer.Options CollapseProne(CollapseRegularizer regularizer, Action<DeepSvddTrainer.Options>? change = null)
    {
        var options = new DeepSvddTrainer.Options
        {
            UseBias = true,
            Regularizer = regularizer,
            LearningRate = 0.1f,
            Epochs = 40,
            Seed = 1,
        };
        change?.Invoke(options);
        return options;
    }

    private static IDataView Train(MLContext ml) => SyntheticData.Load(ml, new SyntheticData(0).NormalRows(1000));

    [Fact]
    public void A_biased_network_without_regularizer_collapses_and_Fit_says_so()
    {
        var ml = new MLContext(seed: 1);
        var act = () => ml.AnomalyDetection.Trainers.DeepSvdd(CollapseProne(CollapseRegularizer.None)).Fit(Train(ml));
        var error = act.Should().Throw<HypersphereCollapseException>()
            .WithMessage("*collapsed*converged to one point*Regularizer = CollapseRegularizer.NoiseInjection*UseBias = false*").Which;
        error.Report.Collapse.IsCollapsed.Should().BeTrue();
        error.Report.Collapse.RelativeFeatureVariance.Should().BeLessThan(1e-6);
        error.Report.Epochs[^1].FeatureVariance.Should().BeLessThan(1e-6 * error.Report.Epochs[0].FeatureVariance);
    }

    [Fact]
    public void With_ThrowOnCollapse_off_the_collapsed_model_is_returned_with_a_warning()
    {
        var ml = new MLContext(seed: 1);
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning) lock (warnings) warnings.Add(e.Message); };
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(CollapseProne(CollapseRegularizer.None, o => o.ThrowOnCollapse = false)).Fit(Train(ml));
        model.Report.Collapse.IsCollapsed.Should().BeTrue();
        warnings.Should().Contain(w => w.Contains("collapsed"));
        var test = SyntheticData.Load(ml, new SyntheticData(0).MixedRows(400));
        ml.AnomalyDetection.Evaluate(model.Transform(test)).AreaUnderRocCurve.Should().BeInRange(0.3, 0.7, "a collapsed detector is no better than chance");
    }
}
