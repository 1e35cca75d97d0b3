namespace MLNet.DeepSvdd.Tests.Reliability;

/// <summary>A row with a NaN or infinite feature is never called normal: Score = +∞, PredictedLabel = true, on every path of every detector.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public class NonFiniteScoringTests
{
    public static TheoryData<string> Detectors => SmallDetectors.Names;

    private static readonly int[] BadRows = [1, 3, 4];

    private static float[][] WithNonFinite(float[][] rows)
    {
        var copy = rows.Select(r => r.ToArray()).ToArray();
        copy[1][0] = float.NaN;
        copy[3][copy[3].Length - 1] = float.PositiveInfinity;
        copy[4][copy[4].Length / 2] = float.NegativeInfinity;
        return copy;
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_row_with_a_NaN_or_infinite_feature_scores_plus_infinity_and_is_anomalous_on_every_path(string name)
    {
        var detector = SmallDetectors.Get(name);
        var ml = new MLContext(seed: 1);
        var clean = detector.Rows(6, 11);
        var dirty = WithNonFinite(clean);
        var paths = new Dictionary<string, ITransformer>
        {
            ["fitted"] = detector.Model,
            ["library load"] = detector.LoadWithLibrary(ml, detector.Path),
            ["Model.Load"] = ml.Model.Load(detector.Path, out _),
        };
        foreach (var (path, model) in paths)
        {
            var expected = SmallDetectors.Scores(model, SmallDetectors.View(ml, clean, detector.InputSize));
            var data = SmallDetectors.View(ml, dirty, detector.InputSize);
            var scores = SmallDetectors.Scores(model, data);
            var labels = SmallDetectors.Labels(model, data);
            var engine = SmallDetectors.Predict(ml, model, dirty, detector.InputSize);
            for (int i = 0; i < dirty.Length; i++)
            {
                if (BadRows.Contains(i))
                {
                    scores[i].Should().Be(float.PositiveInfinity, $"row {i} on the {path} path has a non-finite feature");
                    labels[i].Should().BeTrue($"row {i} on the {path} path cannot be called normal");
                    engine[i].Should().Be((float.PositiveInfinity, true), $"row {i} through a PredictionEngine of the {path} model");
                }
                else
                {
                    scores[i].Should().Be(expected[i], $"row {i} on the {path} path is finite and scores as it does alone");
                    float.IsFinite(scores[i]).Should().BeTrue();
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void The_threshold_rule_calls_a_NaN_or_infinite_score_anomalous_even_at_an_infinite_threshold(string name)
    {
        var detector = SmallDetectors.Get(name);
        var ml = new MLContext(seed: 1);
        var model = detector.LoadWithLibrary(ml, detector.Path);
        var raised = model switch
        {
            DeepSvddTransformer d => (ITransformer)d.WithThreshold(float.PositiveInfinity),
            MLNet.DeepSvdd.Baselines.Geo.GeoTransformer g => g.WithThreshold(float.PositiveInfinity),
            _ => ml.Model.GetBaselineDetector<MLNet.DeepSvdd.Baselines.AnomalyDetectorTransformer>(model) switch
            {
                MLNet.DeepSvdd.Baselines.IsolationForestTransformer f => f.WithThreshold(float.PositiveInfinity),
                MLNet.DeepSvdd.Baselines.OneClassSvmTransformer s => s.WithThreshold(float.PositiveInfinity),
                var other => throw new InvalidOperationException(other.GetType().Name),
            },
        };
        var labels = SmallDetectors.Labels(raised, SmallDetectors.View(ml, WithNonFinite(detector.Rows(6, 12)), detector.InputSize));
        labels.Should().Equal(false, true, false, true, true, false);
    }

    [Theory]
    [InlineData("DeepSvdd")]
    [InlineData("Geo")]
    [InlineData("IsolationForest")]
    public void A_pass_over_scored_data_with_non_finite_rows_logs_their_count_once(string name)
    {
        var detector = SmallDetectors.Get(name);
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        var model = name == "IsolationForest"
            ? ml.AnomalyDetection.Trainers.IsolationForest(numberOfTrees: 5, sampleSize: 16, seed: 1).Fit(SmallDetectors.View(ml, detector.Rows(40, 3), 4))
            : detector.LoadWithLibrary(ml, detector.Path);
        var rows = WithNonFinite(detector.Rows(6, 13));
        SmallDetectors.Scores(model, SmallDetectors.View(ml, rows, detector.InputSize));
        var warnings = messages.Where(m => m.Contains("NaN or infinite")).ToList();
        warnings.Should().ContainSingle().Which.Should().Contain("3 of 6 rows of feature column 'Features'").And.Contain("the first is row 1")
            .And.Contain("Score = +∞, PredictedLabel = true");
    }
}
