using System.Text.Json.Nodes;
using MLNet.DeepSvdd.Selection.Candidates;
using MLNet.DeepSvdd.Selection;
using static MLNet.DeepSvdd.Tests.Selection.SearchCandidates;

namespace MLNet.DeepSvdd.Tests.Selection;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class DetectorSearchTests
{
    private const string Local = "SVM local γ", Global = "SVM global γ";

    private static DetectorSearch.Options Options(IDataView validation, params DetectorCandidate[] candidates) => new()
    {
        ValidationSet = validation,
        SearchSpace = new SearchSpace(candidates),
        Strategy = SearchStrategy.Grid,
        Seed = 1,
    };

    [Fact]
    public void Picks_the_configuration_known_to_be_best_and_scores_the_test_set_for_it_alone()
    {
        var ml = new MLContext(1);
        var (train, validation, test) = RingData.Splits(ml);
        var options = Options(validation, Svm(1.0 / 64, Global), Forest(), Svm(4, Local), Mlp(3));
        options.TestSet = test;

        var selected = ml.AnomalyDetection.Trainers.DetectorSearch(options).Fit(train);

        var board = selected.Leaderboard;
        board.Trials.Should().HaveCount(4);
        board.Trials.Should().OnlyContain(t => t.Verdict == TrialVerdict.Completed);
        selected.Best.Candidate.Should().Be(Local);
        selected.Best.ValidationAuc.Should().BeGreaterThan(0.95);
        board.Trials.Single(t => t.Candidate == Global).ValidationAuc.Should().BeLessThan(0.2, "a near-global kernel calls the middle the most normal place");
        // The test AUC is the selected model's, as ML.NET's evaluator measures it on the same rows.
        double expected = ml.AnomalyDetection.Evaluate(selected.Transform(test)).AreaUnderRocCurve;
        board.TestAuc.Should().BeApproximately(expected, 1e-9);
        board.TestRows.Should().Be(200);
        board.Selection.Should().Contain("kept as trained");
        selected.Model.Should().BeOfType<OneClassSvmTransformer>().Which.Gamma.Should().BeApproximately(
            4 * ((OneClassSvmTransformer)ml.AnomalyDetection.Trainers.OneClassSvm().Fit(train)).Gamma, 1e-9, "GammaScale 4 is four times the scale γ");
    }

    [Fact]
    public void A_collapsed_trial_is_never_selected_even_when_its_validation_AUC_is_the_highest()
    {
        var ml = new MLContext(1);
        var (train, validation, _) = RingData.Splits(ml);

        var selected = ml.AnomalyDetection.Trainers.DetectorSearch(Options(validation, Constant(), Svm(1.0 / 64, Global))).Fit(train);

        var constant = selected.Leaderboard.Trials.Single(t => t.Candidate == "constant score");
        constant.Verdict.Should().Be(TrialVerdict.Collapsed);
        constant.Message.Should().Contain("validation scores are equal");
        constant.ValidationAuc.Should().Be(0.5, "every row tied: each (anomaly, normal) pair counts one half");
        constant.IsEligible.Should().BeFalse();
        selected.Best.Candidate.Should().Be(Global);
        constant.ValidationAuc.Should().BeGreaterThan(selected.Best.ValidationAuc, "otherwise this test would not show the rule at work");
        selected.Leaderboard.ToMarkdown().Should().Contain("Collapsed: All 200 validation scores are equal");
    }

    [Fact]
    public void A_Deep_SVDD_fit_that_collapses_is_recorded_with_the_trainers_verdict_and_not_selected()
    {
        var ml = new MLContext(1);
        var data = new SyntheticData(0);
        var train = SyntheticData.Load(ml, data.NormalRows(1000));
        var validation = SyntheticData.Load(ml, data.MixedRows(200));
        // The collapse recipe of CollapseTests (biases, no regularizer, a high learning rate), trained without a validation set so that the
        // last epoch is kept: the trainer's own collapse check throws.
        var collapsing = new EstimatorCandidate("collapsing Deep SVDD", (context, feature, seed) => context.AnomalyDetection.Trainers.DeepSvdd(
            new DeepSvddTrainer.Options { FeatureColumnName = feature, UseBias = true, Regularizer = CollapseRegularizer.None, LearningRate = 0.1f, Epochs = 40, Seed = seed }));

        var selected = ml.AnomalyDetection.Trainers.DetectorSearch(Options(validation, collapsing, Forest())).Fit(train);

        var trial = selected.Leaderboard.Trials.Single(t => t.Candidate == "collapsing Deep SVDD");
        trial.Verdict.Should().Be(TrialVerdict.Collapsed);
        trial.Message.Should().Contain("hypersphere collapse");
        selected.Best.Family.Should().Be("Isolation Forest");
    }

    [Fact]
    public void A_diverging_Deep_SVDD_trial_is_recorded_as_diverged_and_leaves_successive_halving()
    {
        var ml = new MLContext(1);
        var data = new SyntheticData(0);
        var train = SyntheticData.Load(ml, data.NormalRows(300));
        var validation = SyntheticData.Load(ml, data.MixedRows(200));
        var options = Options(validation, Mlp(3, o => o.LearningRate = 1e6f, "lr 1e6"), Mlp(3, name: "lr default"), Forest(name: "forest"));
        options.Strategy = SearchStrategy.SuccessiveHalving;

        var board = ml.AnomalyDetection.Trainers.DetectorSearch(options).Fit(train).Leaderboard;

        var diverged = board.Trials.Where(t => t.Candidate == "lr 1e6").Should().ContainSingle("a diverged candidate is not trained again").Subject;
        diverged.Verdict.Should().Be(TrialVerdict.Diverged);
        diverged.Message.Should().Contain("diverged").And.Contain("LearningRate");
        double.IsNaN(diverged.ValidationAuc).Should().BeTrue();
        board.Best.Candidate.Should().NotBe("lr 1e6");
    }

    [Fact]
    public void When_no_trial_is_usable_the_search_throws_with_every_verdict()
    {
        var ml = new MLContext(1);
        var (train, validation, _) = RingData.Splits(ml);

        var act = () => ml.AnomalyDetection.Trainers.DetectorSearch(Options(validation, Constant())).Fit(train);

        var error = act.Should().Throw<NoUsableDetectorException>().WithMessage("*No trial*constant score: Collapsed*").Which;
        error.Trials.Should().ContainSingle().Which.Verdict.Should().Be(TrialVerdict.Collapsed);
    }

    [Fact]
    public void Successive_halving_promotes_the_best_third_with_three_times_the_epochs_and_selects_from_the_last_round()
    {
        var ml = new MLContext(1);
        var data = new SyntheticData(3);
        var train = SyntheticData.Load(ml, data.NormalRows(300));
        var validation = SyntheticData.Load(ml, data.MixedRows(200));
        var candidates = new DetectorCandidate[]
        {
            Mlp(9, o => o.NoiseHeads = 4, "k4"), Mlp(9, o => o.NoiseHeads = 64, "k64"), Mlp(9, o => o.Regularizer = CollapseRegularizer.VarianceHinge, "hinge"),
            Mlp(9, o => o.LearningRate = 1e-2f, "lr 1e-2"), Mlp(9, o => { o.Regularizer = CollapseRegularizer.None; o.UseBias = false; }, "plain"),
            Mlp(9, o => o.LearningRate = 1e-5f, "lr 1e-5"), Forest(name: "forest"), Svm(1, "svm"), Svm(1.0 / 16, "svm wide"),
        };
        var options = Options(validation, candidates);
        options.Strategy = SearchStrategy.SuccessiveHalving;

        var board = ml.AnomalyDetection.Trainers.DetectorSearch(options).Fit(train).Leaderboard;

        var first = board.Trials.Where(t => t.Rung == 0).ToList();
        first.Should().HaveCount(9, "every candidate runs in the first round");
        first.Where(t => t.Family == "Deep SVDD").Should().OnlyContain(t => t.Epochs == 1, "MinEpochs = 1");
        first.Where(t => t.Family != "Deep SVDD").Should().OnlyContain(t => t.Epochs == null);
        // Standing after each round: every candidate's latest trial; the next round trains only candidates among the best ⌈n/3⌉.
        var standing = first.ToDictionary(t => t.Candidate);
        var alive = first.Where(t => t.IsEligible).Select(t => t.Candidate).ToList();
        int rounds = board.Trials.Max(t => t.Rung);
        rounds.Should().BeGreaterThan(0);
        for (int rung = 1; rung <= rounds; rung++)
        {
            int keep = (alive.Count + 2) / 3;
            var promoted = alive.OrderByDescending(c => standing[c].ValidationAuc).ThenBy(c => standing[c].Number).Take(keep).ToList();
            var trained = board.Trials.Where(t => t.Rung == rung).ToList();
            trained.Select(t => t.Candidate).Should().BeSubsetOf(promoted);
            trained.Should().OnlyContain(t => t.Family == "Deep SVDD", "a shallow detector keeps its first result");
            int expectedEpochs = promoted.Count == 1 ? 9 : Math.Min(9, (int)Math.Pow(3, rung));
            trained.Should().OnlyContain(t => t.Epochs == expectedEpochs);
            foreach (var t in trained) standing[t.Candidate] = t;
            alive = promoted.Where(c => standing[c].IsEligible).ToList();
        }
        alive.Should().Contain(board.Best.Candidate);
        board.Best.Should().BeSameAs(alive.Select(c => standing[c]).OrderByDescending(t => t.ValidationAuc).ThenBy(t => t.Number).First());
    }

    [Fact]
    public void Random_search_is_deterministic_for_a_seed_and_MaxTrials_stops_it()
    {
        var ml = new MLContext(1);
        var (train, validation, _) = RingData.Splits(ml);
        DetectorSearch.Options RandomSearch(int seed)
        {
            var options = Options(validation, Forest(50, "f50"), Forest(100, "f100"), Forest(200, "f200"), Svm(1, "s1"), Svm(4, "s4"), Svm(16, "s16"));
            options.Strategy = SearchStrategy.Random;
            options.MaxTrials = 4;
            options.Seed = seed;
            return options;
        }

        var first = ml.AnomalyDetection.Trainers.DetectorSearch(RandomSearch(7)).Fit(train).Leaderboard;
        var again = ml.AnomalyDetection.Trainers.DetectorSearch(RandomSearch(7)).Fit(train).Leaderboard;
        var other = ml.AnomalyDetection.Trainers.DetectorSearch(RandomSearch(8)).Fit(train).Leaderboard;

        first.Trials.Should().HaveCount(4);
        first.StopReason.Should().Be("trial budget");
        again.Trials.Select(t => (t.Candidate, t.ValidationAuc)).Should().Equal(first.Trials.Select(t => (t.Candidate, t.ValidationAuc)));
        other.Trials.Select(t => t.Candidate).Should().NotEqual(first.Trials.Select(t => t.Candidate));
    }

    [Fact]
    public void The_time_budget_stops_a_running_trial_and_keeps_the_best_so_far()
    {
        var ml = new MLContext(1);
        var data = new SyntheticData(0);
        var train = SyntheticData.Load(ml, data.NormalRows(2000));
        var validation = SyntheticData.Load(ml, data.MixedRows(200));
        var options = Options(validation, Forest(name: "forest"), Mlp(100_000, name: "endless"), Forest(300, "never reached"), Forest(50, "beyond MaxTrials"));
        options.TimeBudget = TimeSpan.FromSeconds(3);
        options.MaxTrials = 3; // the time budget ends the search first, and the leaderboard must say so
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var selected = ml.AnomalyDetection.Trainers.DetectorSearch(options).Fit(train);

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
        var board = selected.Leaderboard;
        board.StopReason.Should().Be("time budget");
        board.Trials.Select(t => t.Candidate).Should().Equal("forest", "endless");
        board.Trials[1].Verdict.Should().Be(TrialVerdict.StoppedByBudget);
        selected.Best.Candidate.Should().Be("forest");
    }

    [Fact]
    public void Cancellation_stops_the_search_with_OperationCanceledException()
    {
        var ml = new MLContext(1);
        var data = new SyntheticData(0);
        var train = SyntheticData.Load(ml, data.NormalRows(2000));
        var validation = SyntheticData.Load(ml, data.MixedRows(200));
        var search = ml.AnomalyDetection.Trainers.DetectorSearch(Options(validation, Mlp(100_000, name: "endless")));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var act = () => search.Fit(train, cancel.Token);

        act.Should().Throw<OperationCanceledException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Cancelling_the_callers_MLContext_stops_a_running_trial_within_a_minibatch_and_names_the_cause()
    {
        // The trials run in a context of the search's own; the caller's cancellation reaches it through the same per-minibatch check (no timer).
        var ml = new MLContext(1);
        var data = new SyntheticData(0);
        var train = SyntheticData.Load(ml, data.NormalRows(2000));
        var validation = SyntheticData.Load(ml, data.MixedRows(200));
        var search = ml.AnomalyDetection.Trainers.DetectorSearch(Options(validation, Mlp(100_000, name: "endless"), Forest(name: "never reached")));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? cancelledAt = null;
        using var timer = new Timer(_ => { cancelledAt = watch.Elapsed; ContextCancellation.Cancel(ml); }, null, 1500, Timeout.Infinite);
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(40)); // if the context's cancellation is lost, fail instead of hanging

        var act = () => search.Fit(train, safety.Token);

        act.Should().Throw<OperationCanceledException>().WithMessage("The detector search was cancelled: the MLContext was cancelled.");
        cancelledAt.Should().NotBeNull();
        (watch.Elapsed - cancelledAt!.Value).Should().BeLessThan(TimeSpan.FromSeconds(5), "a minibatch of the MLP takes milliseconds");
    }

    [Fact]
    public void Progress_reports_every_trial_with_the_best_so_far_and_a_shrinking_estimate()
    {
        var ml = new MLContext(1);
        var (train, validation, _) = RingData.Splits(ml);
        var recorder = new Recorder<SearchProgress>();
        var options = Options(validation, Svm(1.0 / 64, Global), Svm(4, Local), Forest());
        options.Progress = recorder;

        ml.AnomalyDetection.Trainers.DetectorSearch(options).Fit(train);

        recorder.Reports.Select(r => r.CompletedTrials).Should().Equal(1, 2, 3);
        recorder.Reports.Should().OnlyContain(r => r.PlannedTrials == 3);
        recorder.Reports[0].Best!.Candidate.Should().Be(Global);
        recorder.Reports[1].Best!.Candidate.Should().Be(Local);
        recorder.Reports[^1].EstimatedRemaining.Should().Be(TimeSpan.Zero);
        recorder.Reports[0].EstimatedRemaining.Should().BeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public void The_selected_detector_saves_as_its_model_and_loads_with_identical_scores()
    {
        var ml = new MLContext(1);
        var (train, validation, test) = RingData.Splits(ml);
        var selected = ml.AnomalyDetection.Trainers.DetectorSearch(Options(validation, Svm(4, Local), Mlp(2))).Fit(train);
        using var file = new MemoryStream();

        ml.Model.Save(selected, train.Schema, file);
        file.Position = 0;
        var loaded = ml.Model.Load(file, out _);

        loaded.Should().NotBeOfType<SelectedDetector>("the file holds the selected model itself");
        loaded.Transform(test).GetColumn<float>("Score").Should().Equal(selected.Transform(test).GetColumn<float>("Score"));
    }

    [Fact]
    public void The_leaderboard_renders_as_Markdown_and_JSON_with_the_selected_trial_marked()
    {
        var ml = new MLContext(1);
        var (train, validation, _) = RingData.Splits(ml);
        var board = ml.AnomalyDetection.Trainers.DetectorSearch(Options(validation, Svm(1.0 / 64, Global), Svm(4, Local), Constant())).Fit(train).Leaderboard;

        var markdown = board.ToMarkdown().Split('\n');
        markdown.Should().Contain(l => l.StartsWith("| ★ | 2 | " + Local + " |"));
        markdown.Count(l => l.StartsWith("| ")).Should().Be(2 + 3, "a header, a separator and one row per trial");
        var json = JsonNode.Parse(board.ToJson())!;
        json["selectedTrial"]!.GetValue<int>().Should().Be(2);
        json["trials"]!.AsArray().Should().HaveCount(3);
        json["trials"]![2]!["verdict"]!.GetValue<string>().Should().Be("Collapsed");
        json["trials"]![1]!["parameters"]!["gamma"]!.GetValue<string>().Should().Be("4 × scale");
    }

    [Fact]
    public void Bad_options_and_data_are_refused_with_a_message_that_names_them()
    {
        var ml = new MLContext(1);
        var (train, validation, _) = RingData.Splits(ml);
        var onlyNormal = ml.Data.LoadFromEnumerable(RingData.Normal(20, new Random(1)));

        FluentActions.Invoking(() => ml.AnomalyDetection.Trainers.DetectorSearch(new DetectorSearch.Options()))
            .Should().Throw<ArgumentException>().WithMessage("*ValidationSet is required*");
        FluentActions.Invoking(() => ml.AnomalyDetection.Trainers.DetectorSearch(new DetectorSearch.Options { ValidationSet = validation, MaxTrials = 0 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxTrials*");
        FluentActions.Invoking(() => ml.AnomalyDetection.Trainers.DetectorSearch(new DetectorSearch.Options { ValidationSet = validation, HalvingRate = 1 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*HalvingRate*");
        FluentActions.Invoking(() => ml.AnomalyDetection.Trainers.DetectorSearch(Options(onlyNormal, Forest())).Fit(train))
            .Should().Throw<ArgumentException>().WithMessage("*ValidationSet needs normal rows and anomalies*0 anomalies among 20 rows*");
        var tenFeatures = SyntheticData.Load(ml, new SyntheticData(0).MixedRows(20));
        FluentActions.Invoking(() => ml.AnomalyDetection.Trainers.DetectorSearch(Options(tenFeatures, Forest())).Fit(train))
            .Should().Throw<ArgumentException>().WithMessage("*ValidationSet's feature column 'Features' has 10 values per row; the training data has 2*");
        FluentActions.Invoking(() => new SearchSpace([Forest(name: "a"), Svm(1, "a")]))
            .Should().Throw<ArgumentException>().WithMessage("*already has a candidate named 'a'*");
    }
}
