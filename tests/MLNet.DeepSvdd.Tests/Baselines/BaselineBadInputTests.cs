namespace MLNet.DeepSvdd.Tests.Baselines;

public class BaselineBadInputTests
{
    private readonly MLContext ml = new(seed: 1);

    public static TheoryData<string> Trainers => new() { "IsolationForest", "OneClassSvm" };

    private IEstimator<ITransformer> Trainer(string name, string column = "Features") => name switch
    {
        "IsolationForest" => ml.AnomalyDetection.Trainers.IsolationForest(featureColumnName: column, seed: 1),
        _ => ml.AnomalyDetection.Trainers.OneClassSvm(featureColumnName: column),
    };

    private sealed class DoubleRow
    {
        [VectorType(3)]
        public double[] Features { get; set; } = [1, 2, 3];
    }

    private sealed class VariableRow
    {
        public float[] Features { get; set; } = [];
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void A_missing_feature_column_is_named_with_the_available_columns(string trainer)
    {
        var data = BaselineData.View(ml, BaselineData.Gaussian(10, seed: 1));
        var act = () => Trainer(trainer, "Pixels").Fit(data);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Pixels'*not found*'Features'*");
        var schema = () => Trainer(trainer, "Pixels").GetOutputSchema(Shape(data.Schema));
        schema.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Pixels'*not found*");
        Trainer(trainer).GetOutputSchema(Shape(data.Schema)).Select(c => c.Name).Should().Equal("Features", "Score", "PredictedLabel");
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void A_mistyped_feature_column_is_rejected_with_a_conversion_hint(string trainer)
    {
        var doubles = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 5).Select(_ => new DoubleRow()));
        var act = () => Trainer(trainer).Fit(doubles);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Features'*Vector<Double, 3>*Single*ConvertType*");
        var variable = ml.Data.LoadFromEnumerable(new[] { new VariableRow { Features = [1, 2] }, new VariableRow { Features = [1, 2, 3] } });
        var act2 = () => Trainer(trainer).Fit(variable);
        act2.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Features'*unknown (variable) size*");
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void Non_finite_training_values_are_reported_with_their_row(string trainer)
    {
        var rows = BaselineData.Gaussian(10, seed: 2);
        rows[7].Features[2] = float.NaN;
        var act = () => Trainer(trainer).Fit(BaselineData.View(ml, rows));
        act.Should().Throw<InvalidOperationException>().WithMessage("Row 7 of feature column 'Features'*non-finite value (NaN) at position 2*");
        rows[7].Features[2] = 0;
        rows[4].Features[0] = float.PositiveInfinity;
        act.Should().Throw<InvalidOperationException>().WithMessage("Row 4 of feature column 'Features'*non-finite*");
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void Empty_training_data_is_rejected(string trainer)
    {
        var act = () => Trainer(trainer).Fit(BaselineData.View(ml, []));
        act.Should().Throw<ArgumentException>().WithMessage("The training data has no rows.*");
    }

    [Fact]
    public void Isolation_Forest_needs_two_rows()
    {
        var act = () => Trainer("IsolationForest").Fit(BaselineData.View(ml, BaselineData.Gaussian(1, seed: 3)));
        act.Should().Throw<ArgumentException>().WithMessage("*1 row*at least 2*");
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void Scoring_data_of_another_size_is_rejected_with_both_sizes(string trainer)
    {
        var model = (AnomalyDetectorTransformer)Trainer(trainer).Fit(BaselineData.View(ml, BaselineData.Gaussian(50, seed: 4)));
        var other = SklearnFixture.Data.TestView(ml);
        var act = () => model.Transform(other);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Features' has 8 values per row, but the model was trained on 4*");
        var engine = () => ml.Model.CreatePredictionEngine<FixtureRow, AnomalyPrediction>(model);
        engine.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*8 values per row*trained on 4*");
        var direct = () => model.Score(new float[8]);
        direct.Should().Throw<ArgumentException>().WithMessage("*8 values; the model expects 4*");
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void A_row_with_a_non_finite_value_scores_plus_infinity_and_is_predicted_anomalous(string trainer)
    {
        var model = (AnomalyDetectorTransformer)Trainer(trainer).Fit(BaselineData.View(ml, BaselineData.Gaussian(50, seed: 5)));
        var rows = BaselineData.Gaussian(3, seed: 6);
        rows[1].Features[3] = float.NaN;
        var output = model.Transform(BaselineData.View(ml, rows));
        var scores = output.GetColumn<float>("Score").ToArray();
        scores[1].Should().Be(float.PositiveInfinity);
        float.IsFinite(scores[0]).Should().BeTrue();
        output.GetColumn<bool>("PredictedLabel").ElementAt(1).Should().BeTrue();
        model.Score(rows[1].Features).Should().Be(float.PositiveInfinity);
    }

    [Theory]
    [InlineData("NumberOfTrees", 0)]
    [InlineData("SampleSize", 1)]
    [InlineData("MaxDepth", 0)]
    [InlineData("Contamination", 0.0)]
    [InlineData("Contamination", 0.6)]
    [InlineData("NumberOfThreads", 0)]
    [InlineData("FeatureColumnName", " ")]
    public void Invalid_Isolation_Forest_options_name_the_option_and_its_range(string option, object value)
    {
        var options = new IsolationForestTrainer.Options();
        Set(options, option, value);
        ShouldRejectOption(() => ml.AnomalyDetection.Trainers.IsolationForest(options), option);
    }

    [Theory]
    [InlineData("Nu", 0.0)]
    [InlineData("Nu", 1.5)]
    [InlineData("Nu", double.NaN)]
    [InlineData("Gamma", -1.0)]
    [InlineData("Gamma", double.PositiveInfinity)]
    [InlineData("Tolerance", 0.0)]
    [InlineData("MaxIterations", 0)]
    [InlineData("CacheSizeMb", 0)]
    [InlineData("NumberOfThreads", 0)]
    public void Invalid_one_class_SVM_options_name_the_option_and_its_range(string option, object value)
    {
        var options = new OneClassSvmTrainer.Options();
        Set(options, option, value);
        ShouldRejectOption(() => ml.AnomalyDetection.Trainers.OneClassSvm(options), option);
    }

    [Fact]
    public void SelectGamma_rejects_an_empty_grid_bad_values_and_one_class_validation_data()
    {
        var fixture = SklearnFixture.Data;
        var train = fixture.TrainView(ml);
        var validation = fixture.TestView(ml);
        var empty = () => OneClassSvmTrainer.SelectGamma(ml, train, validation, []);
        empty.Should().Throw<ArgumentException>().WithMessage("*grid is empty*");
        var negative = () => OneClassSvmTrainer.SelectGamma(ml, train, validation, [0.1, -1]);
        negative.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*grid value must be a finite number > 0; got -1*");
        var oneClass = () => OneClassSvmTrainer.SelectGamma(ml, train, train, [0.1]);
        oneClass.Should().Throw<ArgumentException>().WithMessage("*'Label'*both anomalies and normal rows*");
        var missing = () => OneClassSvmTrainer.SelectGamma(ml, train, validation, [0.1], labelColumnName: "IsAnomaly");
        missing.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'IsAnomaly'*not found*");
    }

    [Fact]
    public void SelectGamma_refuses_a_validation_label_that_fits_no_reading_naming_the_row_and_the_validation_data()
    {
        // Issue 24: the label rule (0 normal, > 0 anomaly; every validation row labeled) holds for the one-class SVM's validation data too.
        var fixture = SklearnFixture.Data;
        var train = fixture.TrainView(ml);
        IDataView WithLabel(int row, float label) => ml.Data.LoadFromEnumerable(
            fixture.Test.Select((r, i) => new FixtureRow { Features = r.Features, Label = i == row ? label : r.Label }));

        var negative = () => OneClassSvmTrainer.SelectGamma(ml, train, WithLabel(3, -1), [0.1]);
        negative.Should().Throw<InvalidOperationException>().WithMessage(
            "Row 3 of label column 'Label' in the validation data is -1; expected 0 (normal) or > 0 (anomaly). A negative label fits no reading*");
        var unlabeled = () => OneClassSvmTrainer.SelectGamma(ml, train, WithLabel(7, float.NaN), [0.1]);
        unlabeled.Should().Throw<InvalidOperationException>().WithMessage(
            "Row 7 of label column 'Label' in the validation data is NaN; expected 0 (normal) or > 0 (anomaly).");
    }

    /// <summary>ML.NET's SchemaShape.Create(DataViewSchema) is internal; tests reach it by reflection.</summary>
    private static SchemaShape Shape(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .Invoke(null, [schema])!;

    private static void ShouldRejectOption(Func<object> create, string option) =>
        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"Option {option} must *; got*").Which.ParamName.Should().Be(option);

    private static void Set(object options, string name, object value)
    {
        var property = options.GetType().GetProperty(name)!;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(options, Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture));
    }
}
