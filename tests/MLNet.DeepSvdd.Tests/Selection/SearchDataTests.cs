using MLNet.DeepSvdd.Selection;
using static MLNet.DeepSvdd.Tests.Selection.SearchCandidates;

namespace MLNet.DeepSvdd.Tests.Selection;

/// <summary>
/// Issue 24: data the search cannot judge by is refused up front, naming it, instead of ending in a trial verdict that blames a detector
/// (a NaN validation feature used to make the Isolation Forest "Diverged" and the search throw NoUsableDetectorException).
/// </summary>
public class SearchDataTests
{
    private static DetectorSearch.Options Options(IDataView validation, IDataView? test = null) => new()
    {
        ValidationSet = validation, TestSet = test, SearchSpace = new SearchSpace([Forest(20, "forest"), Svm(4, "svm")]), Strategy = SearchStrategy.Grid, Seed = 1,
    };

    private static IDataView WithRow(MLContext ml, int index, Action<PointRow> change, int seed = 1)
    {
        var random = new Random(seed);
        var rows = RingData.Normal(50, random).Concat(RingData.Middle(50, random)).ToList();
        change(rows[index]);
        return ml.Data.LoadFromEnumerable(rows);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_non_finite_validation_feature_is_refused_before_any_trial_naming_the_row(float value)
    {
        var ml = new MLContext(1);
        var (train, _, _) = RingData.Splits(ml);
        var progress = new Recorder<SearchProgress>();
        var options = Options(WithRow(ml, 7, r => r.Features[1] = value));
        options.Progress = progress;

        var fit = () => ml.AnomalyDetection.Trainers.DetectorSearch(options).Fit(train);

        fit.Should().Throw<ArgumentException>().WithMessage($"Row 7 of the ValidationSet's feature column 'Features' has a non-finite value (*) at position 1.*FilterRowsByMissingValues*")
            .Which.ParamName.Should().Be("ValidationSet");
        progress.Reports.Should().BeEmpty("no trial ran");
    }

    [Fact]
    public void Non_finite_training_and_test_features_are_refused_too()
    {
        var ml = new MLContext(1);
        var (train, validation, test) = RingData.Splits(ml);
        var badTrain = ml.Data.LoadFromEnumerable(RingData.Normal(100, new Random(3)).Select((r, i) => { if (i == 4) r.Features[0] = float.NegativeInfinity; return r; }).ToList());

        FluentActions.Invoking(() => ml.AnomalyDetection.Trainers.DetectorSearch(Options(validation)).Fit(badTrain))
            .Should().Throw<ArgumentException>().WithMessage("Row 4 of the training data's feature column 'Features'*");
        FluentActions.Invoking(() => ml.AnomalyDetection.Trainers.DetectorSearch(Options(validation, WithRow(ml, 60, r => r.Features[0] = float.NaN))).Fit(train))
            .Should().Throw<ArgumentException>().WithMessage("Row 60 of the TestSet's feature column*");
    }

    [Theory]
    [InlineData(-1f, "*is -1; expected 0 (normal) or > 0 (anomaly). A negative label fits no reading*anomaly = label < 0*")]
    [InlineData(float.NaN, "*is NaN; expected 0 (normal) or > 0 (anomaly).")]
    public void A_label_that_fits_neither_reading_is_refused(float label, string message)
    {
        var ml = new MLContext(1);
        var (train, _, _) = RingData.Splits(ml);

        var fit = () => ml.AnomalyDetection.Trainers.DetectorSearch(Options(WithRow(ml, 3, r => r.Label = label))).Fit(train);

        fit.Should().Throw<InvalidOperationException>().WithMessage("Row 3 of label column 'Label' in the ValidationSet" + message);
    }

    [Fact]
    public void Labels_of_the_documented_rule_are_read_as_anomaly_when_above_zero()
    {
        var ml = new MLContext(1);
        var (train, _, _) = RingData.Splits(ml);
        // 2.5 is an anomaly like 1: the rule is "> 0", not "== 1".
        var validation = WithRow(ml, 60, r => r.Label = 2.5f);

        var board = ml.AnomalyDetection.Trainers.DetectorSearch(Options(validation)).Fit(train).Leaderboard;

        board.ValidationRows.Should().Be(100);
        board.Best.ValidationAuc.Should().BeGreaterThan(0.9);
    }
}
