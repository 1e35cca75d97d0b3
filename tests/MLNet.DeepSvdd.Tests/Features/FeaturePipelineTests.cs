using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Tests.Features;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class FeaturePipelineTests : IDisposable
{
    private const int Side = 32;
    private readonly string directory = Directory.CreateTempSubdirectory("features-test-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public sealed class PixelRow
    {
        [VectorType(3, Side, Side)]
        public float[] Image { get; set; } = [];

        public float Label { get; set; }
    }

    public sealed class FeatureOutput
    {
        [VectorType(512)]
        public float[] Features { get; set; } = [];
    }

    private static List<PixelRow> Rows(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new PixelRow
        {
            Image = [.. Enumerable.Range(0, 3 * Side * Side).Select(_ => (float)(255 * random.NextDouble()))],
            Label = i % 2,
        })];
    }

    [Fact]
    public void Batched_row_by_row_and_reloaded_features_equal_the_extractor_with_and_without_the_max_pool()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(10, seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        foreach (bool pool in new[] { true, false })
        {
            using var reference = new PretrainedFeatures(Side, Side, pool);
            var expected = reference.Compute(rows.Select(r => r.Image).ToList());

            var model = ml.Transforms.ResNet18Features(useMaxPool: pool, batchSize: 4).Fit(data); // 10 rows: batches of 4, 4, 2
            var output = model.Transform(data);
            output.Schema["Features"].Type.Should().Be(new VectorDataViewType(NumberDataViewType.Single, 512));
            var batched = output.GetColumn<float[]>("Features").ToList();
            for (int i = 0; i < rows.Count; i++) batched[i].Should().Equal(expected[i], $"row {i}, max-pool {pool}");

            var engine = ml.Model.CreatePredictionEngine<PixelRow, FeatureOutput>(model);
            engine.Predict(rows[7]).Features.Should().BeEquivalentTo(expected[7], o => o.WithStrictOrdering()
                .Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-4f)).WhenTypeIs<float>());

            string path = Path.Combine(directory, $"features-{pool}.zip");
            ml.Model.Save(model, data.Schema, path);
            var loaded = new MLContext().Model.Load(path, out _);
            var reloaded = loaded.Transform(data).GetColumn<float[]>("Features").ToList();
            for (int i = 0; i < rows.Count; i++)
                reloaded[i].Should().BeEquivalentTo(expected[i], o => o.WithStrictOrdering()
                    .Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-4f)).WhenTypeIs<float>());
        }
        var withPool = ml.Transforms.ResNet18Features(useMaxPool: true).Fit(data).Transform(data).GetColumn<float[]>("Features").First();
        var withoutPool = ml.Transforms.ResNet18Features(useMaxPool: false).Fit(data).Transform(data).GetColumn<float[]>("Features").First();
        withPool.Should().NotEqual(withoutPool, "skipping the stem max-pool changes the features");
    }

    [Fact]
    public void ResNet18_features_feed_the_baselines_in_one_saved_pipeline()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Rows(40, seed: 2));
        var test = ml.Data.LoadFromEnumerable(Rows(8, seed: 3));
        var pipeline = ml.Transforms.ResNet18Features("Cnn", "Image")
            .Append(ml.AnomalyDetection.Trainers.IsolationForest(featureColumnName: "Cnn", seed: 1));
        var model = pipeline.Fit(train);
        var expected = model.Transform(test).GetColumn<float>("Score").ToArray();
        string path = Path.Combine(directory, "pipeline.zip");
        ml.Model.Save(model, train.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);
        loaded.Transform(test).GetColumn<float>("Score").Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void PixelPca_projects_on_components_of_decreasing_variance_and_saves_with_ML_NET()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(4);
        // 3 strong directions plus small noise in 3×16×16 "pixels".
        var basis = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 768).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToArray();
        var rows = Enumerable.Range(0, 60).Select(_ =>
        {
            double[] weights = [30 * Support.StandardNormal.Sample(random), 10 * Support.StandardNormal.Sample(random), 3 * Support.StandardNormal.Sample(random)];
            return new SmallImage { Image = [.. Enumerable.Range(0, 768).Select(j => (float)(weights.Select((w, k) => w * basis[k][j]).Sum() + 0.01 * random.NextDouble()))] };
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.PixelPca(rank: 3, seed: 1).Fit(data);
        var projected = model.Transform(data).GetColumn<float[]>("Features").ToList();
        projected.Should().OnlyContain(p => p.Length == 3);
        var variances = Enumerable.Range(0, 3).Select(k =>
        {
            var v = projected.Select(p => (double)p[k]).ToArray();
            double mean = v.Average();
            return v.Sum(x => (x - mean) * (x - mean)) / v.Length;
        }).ToArray();
        variances[0].Should().BeGreaterThan(variances[1]);
        variances[1].Should().BeGreaterThan(variances[2]);
        string path = Path.Combine(directory, "pca.zip");
        ml.Model.Save(model, data.Schema, path);
        new MLContext().Model.Load(path, out _).Transform(data).GetColumn<float[]>("Features").SelectMany(p => p)
            .Should().Equal(projected.SelectMany(p => p));
    }

    public sealed class SmallImage
    {
        [VectorType(3, 16, 16)]
        public float[] Image { get; set; } = [];
    }

    public sealed class GrayRow
    {
        [VectorType(1, 32, 32)]
        public float[] Image { get; set; } = new float[1024];
    }

    public sealed class WideRow
    {
        [VectorType(3, 16, 32)]
        public float[] Image { get; set; } = new float[3 * 16 * 32];
    }

    [Fact]
    public void Bad_inputs_get_errors_that_name_the_column_and_what_is_expected()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(2, seed: 5));
        var missing = () => ml.Transforms.ResNet18Features(inputColumnName: "Pixels").Fit(data);
        missing.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Pixels' was not found*'Image'*");
        var gray = () => ml.Transforms.ResNet18Features().Fit(ml.Data.LoadFromEnumerable([new GrayRow()]));
        gray.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Image'*[1, 32, 32]*3-channel*");
        var batch = () => ml.Transforms.ResNet18Features(batchSize: 0);
        batch.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*batchSize*");
        var rank = () => ml.Transforms.PixelPca(rank: 0);
        rank.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*rank*");

        var wide = ml.Data.LoadFromEnumerable([new WideRow(), new WideRow()]);
        var model = ml.Transforms.ResNet18Features().Fit(wide);
        model.Transform(wide).GetColumn<float[]>("Features").Should().HaveCount(2, "non-square images work in memory");
        var save = () => ml.Model.Save(model, wide.Schema, Path.Combine(directory, "wide.zip"));
        save.Should().Throw<InvalidOperationException>().WithMessage("*16×32*square*");
        var otherSize = () => model.Transform(data);
        otherSize.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*32×32*fitted on 16×32*");
    }
}
