using MLNet.DeepSvdd.Selection;
using static MLNet.DeepSvdd.Tests.Selection.SearchCandidates;

namespace MLNet.DeepSvdd.Tests.Selection;

/// <summary>
/// Issue 24: a search under a time budget returns the best completed trial whenever one exists. The candidates are scripted (Isolation
/// Forest fits below their full epochs), so no network trains and the rounds are deterministic.
/// </summary>
public class SearchBudgetTests
{
    private static DetectorSearch.Options Halving(IDataView validation, AtFullEpochs atFull, TimeSpan? budget) => new()
    {
        ValidationSet = validation,
        SearchSpace = new SearchSpace([
            new ScriptedCandidate(Forest(20, "forest 20"), 100_000, atFull),
            new ScriptedCandidate(Forest(100, "forest 100"), 100_000, atFull),
            new ScriptedCandidate(Svm(4, "svm local"), 100_000, atFull)]),
        Strategy = SearchStrategy.SuccessiveHalving,
        HalvingRate = 3,
        TimeBudget = budget,
        Seed = 1,
    };

    [Fact]
    public void When_the_budget_stops_the_last_survivor_its_completed_earlier_round_is_selected()
    {
        var ml = new MLContext(1);
        var (train, validation, _) = RingData.Splits(ml);

        var selected = ml.AnomalyDetection.Trainers.DetectorSearch(Halving(validation, AtFullEpochs.RunUntilCancelled, TimeSpan.FromSeconds(4))).Fit(train);

        var board = selected.Leaderboard;
        board.StopReason.Should().Be("time budget");
        board.Trials.Where(t => t.Rung == 0).Should().HaveCount(3).And.OnlyContain(t => t.Verdict == TrialVerdict.Completed);
        var last = board.Trials[^1];
        last.Rung.Should().Be(1);
        last.Verdict.Should().Be(TrialVerdict.StoppedByBudget);
        // The survivor (the best of round 0) is selected by its round-0 trial, which completed.
        selected.Best.Candidate.Should().Be(last.Candidate);
        selected.Best.Rung.Should().Be(0);
        selected.Best.Should().BeSameAs(board.Trials.Where(t => t.Rung == 0).OrderByDescending(t => t.ValidationAuc).First());
        selected.Transform(validation).GetColumn<float>("Score").Should().OnlyContain(s => float.IsFinite(s));
    }

    [Fact]
    public void When_every_last_survivor_diverges_the_best_completed_trial_of_the_search_is_selected()
    {
        var ml = new MLContext(1);
        var (train, validation, _) = RingData.Splits(ml);

        var selected = ml.AnomalyDetection.Trainers.DetectorSearch(Halving(validation, AtFullEpochs.Diverge, budget: null)).Fit(train);

        var board = selected.Leaderboard;
        board.Trials[^1].Verdict.Should().Be(TrialVerdict.Diverged);
        selected.Best.Should().BeSameAs(board.Trials.Where(t => t.IsEligible).OrderByDescending(t => t.ValidationAuc).First());
    }

    [Theory]
    [InlineData(60)]        // above CancelAfter's limit of about 49.7 days
    [InlineData(1_000_000)]
    public void A_budget_of_any_length_is_accepted(int days)
    {
        var ml = new MLContext(1);
        var (train, validation, _) = RingData.Splits(ml);
        var options = new DetectorSearch.Options
        {
            ValidationSet = validation, SearchSpace = new SearchSpace([Forest(20, "forest")]), Strategy = SearchStrategy.Grid,
            TimeBudget = TimeSpan.FromDays(days), Seed = 1,
        };

        var selected = ml.AnomalyDetection.Trainers.DetectorSearch(options).Fit(train);

        selected.Best.Candidate.Should().Be("forest");
        selected.Leaderboard.StopReason.Should().BeNull();
    }
}
