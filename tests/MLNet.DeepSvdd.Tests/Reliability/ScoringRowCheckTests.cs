namespace MLNet.DeepSvdd.Tests.Reliability;

/// <summary>One row check on every scoring path of every detector: a row of the wrong length is refused with one message.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public class ScoringRowCheckTests
{
    public static TheoryData<string> Detectors => SmallDetectors.Names;

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Plain_Model_Load_refuses_a_longer_or_shorter_column_where_the_schema_is_bound_naming_the_column_and_both_sizes(string name)
    {
        var detector = SmallDetectors.Get(name);
        var ml = new MLContext(seed: 1);
        var loaded = ml.Model.Load(detector.Path, out _);
        foreach (int size in new[] { detector.InputSize + 4, detector.InputSize - 3 })
        {
            var rows = detector.Rows(5, 7).Select(r => r.Concat(new[] { 100f, -100f, 55f, 1e6f }).Take(size).ToArray());
            var data = new CountingDataView(SmallDetectors.View(ml, rows, size));
            // Binding alone (Transform, the output schema, a PredictionEngine) must fail, directly and not wrapped by a worker thread.
            // ML.NET's own schema-mismatch message (the loaded model holds only ML.NET's transforms); below two values its PCA check says so.
            string expected = size >= 2
                ? $"Schema mismatch for input column 'Features': expected Vector<Single, {detector.InputSize}>, got Vector<Single, {size}>*"
                : $"Schema mismatch for input column 'Features': expected known-size vector of Single of two or more items, got Vector<Single, {size}>*";
            var transform = () => loaded.Transform(data);
            transform.Should().Throw<ArgumentOutOfRangeException>().WithMessage(expected);
            var schema = () => loaded.GetOutputSchema(data.Schema);
            schema.Should().Throw<ArgumentOutOfRangeException>().WithMessage(expected);
            var engine = () => SmallDetectors.Predict(ml, loaded, rows, size);
            engine.Should().Throw<ArgumentOutOfRangeException>().WithMessage(expected);
            data.Cursors.Should().Be(0, "the size is checked before any row is read");
        }
    }

    [Fact]
    public void A_model_of_a_one_value_column_saves_without_the_bind_check_and_its_rows_are_still_checked()
    {
        // ML.NET's PCA, which carries the bind-time check, needs two or more values: a one-value model keeps the bare copy of earlier files.
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var train = SmallDetectors.View(ml, Enumerable.Range(0, 40).Select(_ => new[] { (float)random.NextDouble() }).ToList(), 1);
        var model = ml.AnomalyDetection.Trainers.IsolationForest(numberOfTrees: 5, sampleSize: 16, seed: 1).Fit(train);
        string path = Path.Combine(Path.GetTempPath(), $"one-value-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, train.Schema, path);
            var loaded = ml.Model.Load(path, out _);
            SmallDetectors.Scores(loaded, train).Should().Equal(SmallDetectors.Scores(model, train));
            var wide = SmallDetectors.View(ml, [[0.5f, 7f]], 2);
            var error = ExceptionChain.Catch<InvalidOperationException>(() => SmallDetectors.Scores(loaded, wide));
            error!.Message.Should().StartWith("A row of feature column 'Features' has 2 values; the model expects 1.");
        }
        finally
        {
            File.Delete(path);
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
    public void Every_path_refuses_a_Double_feature_column_naming_it_and_the_expected_type(string name)
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
        var plain = ml.Model.Load(detector.Path, out _);
        var plainTransform = () => plain.Transform(data);
        plainTransform.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"Schema mismatch for input column 'Features': expected *Single*, got Vector<Double, {detector.InputSize}>*");
    }
}
