using MLNet.DeepSvdd.Baselines.Geo.Transformations;
using MLNet.DeepSvdd.Baselines.Geo;

namespace MLNet.DeepSvdd.Tests.Baselines.Geo;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class GeoTrainerTests : IDisposable
{
    private const int Side = 16;
    private readonly string directory = Directory.CreateTempSubdirectory("geo-test-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public sealed class ImageRow
    {
        [VectorType(3, Side, Side)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    /// <summary>
    /// "Upright" RGB images: bright at the top, dark at the bottom, with noise and a random bright square; anomalies are such images
    /// turned by a quarter: an orientation GEO's rotation classes expose.
    /// </summary>
    private static List<ImageRow> Images(int count, int seed, bool turned)
    {
        var random = new Random(seed);
        var rows = new List<ImageRow>();
        for (int i = 0; i < count; i++)
        {
            var plane = new float[Side, Side];
            int bx = random.Next(Side - 4), by = random.Next(Side - 4);
            for (int r = 0; r < Side; r++)
                for (int c = 0; c < Side; c++)
                {
                    double v = 220 * (1 - r / (double)(Side - 1)) + 30 * random.NextDouble();
                    if (r >= by && r < by + 4 && c >= bx && c < bx + 4) v = 255;
                    plane[r, c] = (float)v;
                }
            var values = new float[3 * Side * Side];
            for (int ch = 0; ch < 3; ch++)
                for (int r = 0; r < Side; r++)
                    for (int c = 0; c < Side; c++)
                        values[ch * Side * Side + r * Side + c] = turned ? plane[c, Side - 1 - r] : plane[r, c];
            rows.Add(new ImageRow { Features = values, Label = turned ? 1 : 0 });
        }
        return rows;
    }

    private static GeoTrainer.Options LeNetOptions(int epochs = 3) => new()
    {
        Network = DeepSvddNetwork.LeNet,
        Epochs = epochs,
        Seed = 3,
        Device = DeepSvddDevice.Cpu,
    };

    private static float[] Scores(ITransformer model, IDataView data) => model.Transform(data).GetColumn<float>("Score").ToArray();

    [Fact]
    public void GEO_learns_the_transformations_and_ranks_turned_images_as_anomalies()
    {
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) => { if (e.Source.StartsWith("Geo")) lock (log) log.Add(e.Message); };
        var train = ml.Data.LoadFromEnumerable(Images(64, seed: 1, turned: false));
        var test = ml.Data.LoadFromEnumerable(Images(40, seed: 2, turned: false).Concat(Images(40, seed: 3, turned: true)));
        var model = ml.AnomalyDetection.Trainers.Geo(LeNetOptions(epochs: 2)).Fit(train);

        model.Report.Epochs.Should().HaveCount(2);
        log.Should().Contain(m => m.Contains("GEO epoch 1/2: 50 %") && m.Contains("ETA"), "long epochs report progress with an ETA");
        log.Should().Contain(m => m.Contains("] GEO epoch 2/2: loss"));
        model.Report.Epochs[^1].Accuracy.Should().BeGreaterThan(0.1, "72-way chance is 1.4 %");
        model.Report.Epochs[^1].Loss.Should().BeLessThan(model.Report.Epochs[0].Loss);
        model.Transformations.Should().HaveCount(72);
        model.DirichletAlpha.Should().HaveCount(72).And.AllSatisfy(a => a.Should().HaveCount(72).And.OnlyContain(v => v > 0));
        var auc = ml.AnomalyDetection.Evaluate(model.Transform(test)).AreaUnderRocCurve;
        auc.Should().BeGreaterThan(0.9, model.Report.ToString());

        var trainScores = Scores(model, train);
        double above = trainScores.Count(s => s > model.Threshold) / (double)trainScores.Length;
        above.Should().BeApproximately(0.1, 0.03, "the threshold is the 90 % quantile of the training scores (Contamination 0.1)");
        model.Transform(train).GetColumn<bool>("PredictedLabel").Zip(trainScores).Should().OnlyContain(p => p.First == (p.Second > model.Threshold));
    }

    [Fact]
    public void The_score_is_minus_the_dirichlet_log_density_sum_computed_independently_from_the_classifier_outputs()
    {
        var ml = new MLContext(seed: 1);
        var images = Images(24, seed: 4, turned: false);
        var model = ml.AnomalyDetection.Trainers.Geo(LeNetOptions(epochs: 1)).Fit(ml.Data.LoadFromEnumerable(images));
        var alpha = model.DirichletAlpha;
        var set = new GeometricTransformations(Side, 4);
        using var noGrad = TorchSharp.torch.no_grad();
        var row = images[5].Features;
        double expected = 0;
        foreach (var t in set.All)
        {
            using var x = set.Apply(TorchSharp.torch.tensor(row, [1, row.Length]), TorchSharp.torch.tensor(new long[] { t.Index }));
            using var logits = model.Model.Network.forward(x);
            var logP = TorchSharp.torch.nn.functional.log_softmax(logits, 1).data<float>().ToArray();
            for (int k = 0; k < 72; k++) expected -= (alpha[t.Index][k] - 1) * logP[k];
        }
        var engine = ml.Model.CreatePredictionEngine<ImageRow, GeoPrediction>(model);
        engine.Predict(images[5]).Score.Should().BeApproximately((float)expected, Math.Abs((float)expected) * 1e-4f + 1e-3f);
        Scores(model, ml.Data.LoadFromEnumerable(images))[5].Should().BeApproximately((float)expected, Math.Abs((float)expected) * 1e-4f + 1e-3f);
    }

    [Fact]
    public void A_saved_GEO_model_scores_the_same_after_Model_Load_LoadGeo_and_in_a_pipeline()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Images(24, seed: 5, turned: false));
        var test = ml.Data.LoadFromEnumerable(Images(6, seed: 6, turned: false).Concat(Images(6, seed: 7, turned: true)));
        var pipeline = ml.Transforms.CopyColumns("Pixels", "Features")
            .Append(ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options { FeatureColumnName = "Pixels", Network = DeepSvddNetwork.LeNet, Epochs = 1, Seed = 1 }));
        var model = pipeline.Fit(train);
        var expected = Scores(model, test);
        string path = Path.Combine(directory, "geo.zip");
        ml.Model.Save(model, train.Schema, path);

        var fresh = new MLContext();
        var rowByRow = fresh.Model.Load(path, out var schema);
        schema["Features"].Type.Should().Be(train.Schema["Features"].Type);
        Scores(rowByRow, test).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering().Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-4f)).WhenTypeIs<float>());
        var batched = fresh.Model.LoadGeo(path, out _);
        Scores(batched, test).Should().Equal(expected);
        var geo = fresh.Model.GetGeo(rowByRow);
        geo.Threshold.Should().Be(model.LastTransformer.Threshold);
        geo.FeatureColumnName.Should().Be("Pixels");
        geo.DirichletAlpha.SelectMany(a => a).Should().Equal(model.LastTransformer.DirichletAlpha.SelectMany(a => a));
        geo.Report.Epochs.Should().Equal(model.LastTransformer.Report.Epochs);
        fresh.AnomalyDetection.Evaluate(batched.Transform(test)).AreaUnderRocCurve
            .Should().Be(ml.AnomalyDetection.Evaluate(model.Transform(test)).AreaUnderRocCurve);
    }

    [Fact]
    public void The_same_seed_gives_the_same_model()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Images(16, seed: 8, turned: false));
        var a = ml.AnomalyDetection.Trainers.Geo(LeNetOptions(epochs: 1)).Fit(train);
        var b = ml.AnomalyDetection.Trainers.Geo(LeNetOptions(epochs: 1)).Fit(train);
        Scores(a, train).Should().Equal(Scores(b, train));
    }

    [Fact]
    public void The_pretrained_ResNet18_is_the_default_backbone_for_RGB_images()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Images(16, seed: 9, turned: false));
        var model = ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options { Epochs = 1, Seed = 2, BatchSize = 64 }).Fit(train);
        model.Report.Network.Should().StartWith("ResNet18Pretrained");
        model.Report.Epochs[0].Accuracy.Should().BeGreaterThan(1.0 / 72, "even one epoch of fine-tuning beats chance");
        Scores(model, train).Should().OnlyContain(s => float.IsFinite(s));
    }

    [Fact]
    public void Bad_inputs_get_errors_that_name_the_column_or_option()
    {
        var ml = new MLContext(seed: 1);
        var rows = Images(4, seed: 1, turned: false);
        var square = ml.Data.LoadFromEnumerable(rows);

        var missing = () => ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options { FeatureColumnName = "Pixels" }).Fit(square);
        missing.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Pixels'*not found*");

        var flat = ml.Transforms.Concatenate("Flat", "Features").Fit(square).Transform(square);
        var notSquare = () => ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options { FeatureColumnName = "Flat", ImageShape = [3, 8, 32] }).Fit(flat);
        notSquare.Should().Throw<ArgumentException>().WithMessage("*square images*'Flat'*[3, 8, 32]*");

        var epochs = () => ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options { Epochs = 0 });
        epochs.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Epochs*≥ 1*");
        var mlp = () => ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options { Network = DeepSvddNetwork.Mlp });
        mlp.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Network*image network*");
        var shift = () => ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options { Shift = Side, Network = DeepSvddNetwork.LeNet }).Fit(square);
        shift.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Shift*16*");
        var contamination = () => ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options { Contamination = 0.7 });
        contamination.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Contamination*");

        var one = ml.Data.LoadFromEnumerable(rows.Take(1));
        var tooFew = () => ml.AnomalyDetection.Trainers.Geo(LeNetOptions(1)).Fit(one);
        tooFew.Should().Throw<ArgumentException>().WithMessage("*1 row*at least 2*");

        var model = ml.AnomalyDetection.Trainers.Geo(LeNetOptions(1)).Fit(square);
        var other = ml.Transforms.Concatenate("Features", "Features", "Features").Fit(flat).Transform(flat);
        var wrongSize = () => model.Transform(other);
        wrongSize.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Features'*values per row*trained on 768*");
        var state = MLNet.DeepSvdd.Baselines.Geo.Persistence.GeoState.Write(model);
        var truncated = () => MLNet.DeepSvdd.Baselines.Geo.Persistence.GeoState.Read(state[..(state.Length / 2)], TorchSharp.torch.CPU);
        truncated.Should().Throw<InvalidDataException>().WithMessage("*GEO model is truncated*");
        var foreign = () => MLNet.DeepSvdd.Baselines.Geo.Persistence.GeoState.Read([1, 2, 3], TorchSharp.torch.CPU);
        foreign.Should().Throw<InvalidDataException>().WithMessage("*not a saved GEO model*");
        var notFound = () => ml.Model.LoadGeo(Path.Combine(directory, "absent.zip"), out _);
        notFound.Should().Throw<FileNotFoundException>().WithMessage("*absent.zip*");
    }
}
