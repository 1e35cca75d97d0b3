namespace MLNet.DeepSvdd.Tests.Reliability;

/// <summary>One row check on every scoring path of every detector: a row of the wrong length is refused with one message.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public class ScoringRowCheckTests
{
    public static TheoryData<string> Detectors => SmallDetectors.Names;

    [Theory]
    [MemberData(nameof(Detectors))]
    public void The_row_path_Model_Load_rebuilds_refuses_longer_and_shorter_rows_naming_the_column_and_both_lengths(string name)
    {
        var detector = SmallDetectors.Get(name);
        var ml = new MLContext(seed: 1);
        var loaded = ml.Model.Load(detector.Path, out _);
        foreach (int size in new[] { detector.InputSize + 4, detector.InputSize - 3 })
        {
            // Longer rows hold the extra values of the issue (100, −100, 55, 1e6); they must never be silently dropped.
            var rows = detector.Rows(5, 7).Select(r => r.Concat(new[] { 100f, -100f, 55f, 1e6f }).Take(size).ToArray());
            var data = SmallDetectors.View(ml, rows, size);
            var error = ExceptionChain.Catch<InvalidOperationException>(() => SmallDetectors.Scores(loaded, data));
            error.Should().NotBeNull($"a row of {size} values must not be scored by a model of {detector.InputSize}");
            error!.Message.Should().StartWith($"A row of feature column 'Features' has {size} values; the model expects {detector.InputSize}.");
        }
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void The_batched_Transform_PredictionEngine_and_the_library_loaded_model_refuse_a_column_of_another_size(string name)
    {
        var detector = SmallDetectors.Get(name);
        var ml = new MLContext(seed: 1);
        int size = detector.InputSize + 2;
        var data = SmallDetectors.View(ml, detector.Rows(3, 8).Select(r => r.Append(1f).Append(2f).ToArray()), size);
        string expected = $"*Feature column 'Features' has {size} values per row, but the model was trained on {detector.InputSize}*";

        var transform = () => detector.Model.Transform(data);
        transform.Should().Throw<ArgumentOutOfRangeException>().WithMessage(expected);
        var engine = () => SmallDetectors.Predict(ml, detector.Model, detector.Rows(1, 8).Select(r => r.Append(1f).Append(2f).ToArray()), size);
        engine.Should().Throw<ArgumentOutOfRangeException>().WithMessage(expected);
        var restored = detector.LoadWithLibrary(ml, detector.Path);
        var reloaded = () => SmallDetectors.Scores(restored, data);
        reloaded.Should().Throw<ArgumentOutOfRangeException>().WithMessage(expected);
    }

    private sealed class DoubleRow
    {
        public double[] Features { get; set; } = [];
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Every_path_but_plain_Model_Load_refuses_a_Double_feature_column_naming_it_and_the_expected_type(string name)
    {
        var detector = SmallDetectors.Get(name);
        var ml = new MLContext(seed: 1);
        var definition = SchemaDefinition.Create(typeof(DoubleRow));
        definition[nameof(DoubleRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Double, detector.InputSize);
        var data = ml.Data.LoadFromEnumerable(detector.Rows(3, 4).Select(r => new DoubleRow { Features = r.Select(v => (double)v).ToArray() }), definition);
        string expected = $"Feature column 'Features' has type Vector<Double, {detector.InputSize}>, but a known-size vector of Single is expected*ConvertType*";

        var transform = () => detector.Model.Transform(data);
        transform.Should().Throw<ArgumentOutOfRangeException>().WithMessage(expected);
        var engine = () => ml.Model.CreatePredictionEngine<DoubleRow, DeepSvddPrediction>(detector.Model, inputSchemaDefinition: definition);
        engine.Should().Throw<ArgumentOutOfRangeException>().WithMessage(expected);
        var restored = detector.LoadWithLibrary(ml, detector.Path);
        var reloaded = () => SmallDetectors.Scores(restored, data);
        reloaded.Should().Throw<ArgumentOutOfRangeException>().WithMessage(expected);
    }
}
