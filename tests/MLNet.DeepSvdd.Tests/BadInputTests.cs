namespace MLNet.DeepSvdd.Tests;

public class BadInputTests
{
    private readonly MLContext ml = new(seed: 1);

    private DeepSvddTrainer Trainer(Action<DeepSvddTrainer.Options>? change = null) =>
        ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(change));

    private sealed class DoubleRow
    {
        [VectorType(3)]
        public double[] Features { get; set; } = [1, 2, 3];
    }

    private sealed class VariableRow
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class ScalarLabelRow
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = "anomaly";
    }

    private sealed class SmallRow
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }

    [Fact]
    public void Missing_feature_column_is_named_with_the_available_columns()
    {
        var data = SyntheticData.Load(ml, new SyntheticData().NormalRows(10));
        var act = () => Trainer(o => o.FeatureColumnName = "Pixels").Fit(data);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Pixels'*not found*'Features'*");
    }

    [Fact]
    public void Feature_column_of_doubles_is_rejected_with_a_conversion_hint()
    {
        var data = ml.Data.LoadFromEnumerable(Enumerable.Repeat(0, 5).Select(_ => new DoubleRow()));
        var act = () => Trainer().Fit(data);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Features'*Vector<Double, 3>*Single*ConvertType*");
    }

    [Fact]
    public void Variable_size_vectors_are_rejected()
    {
        var data = ml.Data.LoadFromEnumerable(new[] { new VariableRow { Features = [1, 2] }, new VariableRow { Features = [1, 2, 3] } });
        var act = () => Trainer().Fit(data);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Features'*unknown (variable) size*");
    }

    [Fact]
    public void NaN_and_infinite_features_name_the_row()
    {
        var rows = new SyntheticData().NormalRows(20);
        rows[13].Features[4] = float.NaN;
        var act = () => Trainer().Fit(SyntheticData.Load(ml, rows));
        act.Should().Throw<InvalidOperationException>().WithMessage("Row 13 of feature column 'Features'*NaN*position 4*");

        rows[13].Features[4] = 0;
        rows[7].Features[0] = float.PositiveInfinity;
        act = () => Trainer().Fit(SyntheticData.Load(ml, rows));
        act.Should().Throw<InvalidOperationException>().WithMessage("Row 7 of feature column 'Features'*");
    }

    [Fact]
    public void Empty_training_data_is_rejected()
    {
        var act = () => Trainer().Fit(SyntheticData.Load(ml, []));
        act.Should().Throw<ArgumentException>().WithMessage("*training data has no rows*");
    }

    [Theory]
    [InlineData(nameof(DeepSvddTrainer.Options.Nu), "*Nu must be in (0, 1]*got 0*")]
    [InlineData(nameof(DeepSvddTrainer.Options.BatchSize), "*BatchSize must be ≥ 2*got 1*")]
    [InlineData(nameof(DeepSvddTrainer.Options.Alpha), "*Alpha must be in [0, 1]*got 1.5*")]
    [InlineData(nameof(DeepSvddTrainer.Options.LearningRate), "*LearningRate must be null (automatic) or a finite number > 0*got -1*")]
    [InlineData(nameof(DeepSvddTrainer.Options.NoiseHeads), "*NoiseHeads must be ≥ 1*got 0*")]
    [InlineData(nameof(DeepSvddTrainer.Options.Epochs), "*Epochs must be ≥ 1*got 0*")]
    [InlineData(nameof(DeepSvddTrainer.Options.HiddenLayers), "*HiddenLayers must be a list of widths*[16, 0]*")]
    [InlineData(nameof(DeepSvddTrainer.Options.Regularizer), "*Regularizer must be one of None, NoiseInjection, VarianceHinge*")]
    public void Invalid_options_name_the_option_and_its_range(string option, string message)
    {
        var options = new DeepSvddTrainer.Options();
        switch (option)
        {
            case nameof(options.Nu): options.Nu = 0; break;
            case nameof(options.BatchSize): options.BatchSize = 1; break;
            case nameof(options.Alpha): options.Alpha = 1.5f; break;
            case nameof(options.LearningRate): options.LearningRate = -1; break;
            case nameof(options.NoiseHeads): options.NoiseHeads = 0; break;
            case nameof(options.Epochs): options.Epochs = 0; break;
            case nameof(options.HiddenLayers): options.HiddenLayers = [16, 0]; break;
            case nameof(options.Regularizer): options.Regularizer = (CollapseRegularizer)7; break;
        }
        var act = () => ml.AnomalyDetection.Trainers.DeepSvdd(options);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage(message).Which.ParamName.Should().Be(option);
    }

    [Fact]
    public void Semi_supervised_soft_boundary_is_rejected_with_the_alternative()
    {
        var act = () => ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options { LabelColumnName = "Label", Objective = DeepSvddObjective.SoftBoundary });
        act.Should().Throw<ArgumentException>().WithMessage("*one-class objective only*");
    }

    [Fact]
    public void Missing_or_mistyped_label_column_is_named()
    {
        var data = SyntheticData.Load(ml, new SyntheticData().NormalRows(10));
        var act = () => Trainer(o => o.LabelColumnName = "IsAnomaly").Fit(data);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*label column 'IsAnomaly' was not found*");

        var textLabels = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 5).Select(i => new ScalarLabelRow { Features = [i, 1] }));
        act = () => Trainer(o => o.LabelColumnName = "Label").Fit(textLabels);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*label column 'Label' has type String*Single*");
    }

    [Fact]
    public void A_negative_label_fits_no_reading_and_is_refused_in_training_and_validation_data()
    {
        // Issue 24: −1 used to be read as normal without a word, inverting labels in the −1 = anomaly, +1 = normal convention.
        var data = new SyntheticData();
        var rows = data.MixedRows(20);
        rows[5].Label = -1;
        var validation = SyntheticData.Load(ml, rows);
        var act = () => Trainer(o => o.ValidationSet = validation).Fit(SyntheticData.Load(ml, data.NormalRows(20)));
        act.Should().Throw<InvalidOperationException>().WithMessage("Row 5 of label column 'Label' in the ValidationSet is -1; expected 0 (normal), > 0 (anomaly) or NaN (unlabeled). A negative label fits no reading*");

        var training = data.NormalRows(20);
        training[2].Label = float.NegativeInfinity;
        act = () => Trainer(o => o.LabelColumnName = "Label").Fit(SyntheticData.Load(ml, training));
        act.Should().Throw<InvalidOperationException>().WithMessage("Row 2 of label column 'Label' in the training data is -Infinity; expected*");
    }

    [Fact]
    public void Validation_set_without_both_classes_is_rejected()
    {
        var data = new SyntheticData();
        var validation = SyntheticData.Load(ml, data.NormalRows(20));
        var act = () => Trainer(o => o.ValidationSet = validation).Fit(SyntheticData.Load(ml, data.NormalRows(20)));
        act.Should().Throw<ArgumentException>().WithMessage("*ValidationSet needs both normal*20 normal and 0 anomalous*");
    }

    [Fact]
    public void LeNet_on_a_plain_vector_asks_for_an_image_shape()
    {
        var data = SyntheticData.Load(ml, new SyntheticData().NormalRows(10));
        var act = () => Trainer(o => o.Network = DeepSvddNetwork.LeNet).Fit(data);
        act.Should().Throw<ArgumentException>().WithMessage("*LeNet needs an image*shape [10]*ImageShape*");
        act = () => Trainer(o => o.ImageShape = [3, 2, 2]).Fit(data);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*ImageShape [3, 2, 2] has 12 values*has 10*");
    }

    [Fact]
    public void Scoring_data_with_another_vector_size_is_rejected_before_any_row_is_scored()
    {
        var (train, _) = Fixtures.SyntheticSplit(ml, trainRows: 100);
        var model = Trainer(o => o.Epochs = 1).Fit(train);
        var other = ml.Data.LoadFromEnumerable(new[] { new SmallRow { Features = [1, 2, 3, 4] } });
        var act = () => model.Transform(other);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Features' has 4 values per row, but the model was trained on 10*");
        var engine = () => ml.Model.CreatePredictionEngine<SmallRow, DeepSvddPrediction>(model);
        engine.Should().Throw<ArgumentOutOfRangeException>();
    }
}
