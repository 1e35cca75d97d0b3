using MLNet.DeepSvdd.Shared.Scoring;

namespace MLNet.DeepSvdd.Tests.Patches;

/// <summary>
/// A patch-level model trained on smooth synthetic images, scored on an image with a planted square defect at a known place: the map must
/// peak on the defect, the mask must hold it, and every scoring path must give the same maps.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public class AnomalyMapTests : IClassFixture<AnomalyMapTests.Trained>
{
    public const int Side = 32;

    /// <summary>The defect: rows 8–13, columns 18–23 (6 × 6 pixels) of a black and white checkerboard.</summary>
    public const int DefectTop = 8, DefectLeft = 18, DefectSize = 6;

    private readonly Trained trained;

    public AnomalyMapTests(Trained trained) => this.trained = trained;

    public sealed class Image
    {
        [VectorType(3, Side, Side)]
        public float[] Pixels { get; set; } = [];

        public float Label { get; set; }
    }

    public sealed class Scored
    {
        public float Score { get; set; }

        public bool PredictedLabel { get; set; }

        [VectorType(Side, Side)]
        public float[] AnomalyMap { get; set; } = [];

        [VectorType(Side, Side)]
        public bool[] PredictedMask { get; set; } = [];
    }

    /// <summary>A smooth image: a random base colour plus a diagonal ramp of random slope, in 0–255.</summary>
    public static float[] Smooth(Random random)
    {
        var pixels = new float[3 * Side * Side];
        for (int c = 0; c < 3; c++)
        {
            double base_ = 60 + 120 * random.NextDouble(), dx = 2 * random.NextDouble() - 1, dy = 2 * random.NextDouble() - 1;
            for (int y = 0; y < Side; y++)
            {
                for (int x = 0; x < Side; x++) pixels[(c * Side + y) * Side + x] = (float)Math.Clamp(base_ + 1.5 * (dx * x + dy * y), 0, 255);
            }
        }
        return pixels;
    }

    /// <summary>A smooth image with the checkerboard defect (black and white 1-pixel squares) planted at its place.</summary>
    public static float[] WithDefect(Random random)
    {
        var pixels = Smooth(random);
        for (int y = DefectTop; y < DefectTop + DefectSize; y++)
        {
            for (int x = DefectLeft; x < DefectLeft + DefectSize; x++)
            {
                float v = (x + y) % 2 == 0 ? 0 : 255;
                for (int c = 0; c < 3; c++) pixels[(c * Side + y) * Side + x] = v;
            }
        }
        return pixels;
    }

    public sealed class Trained : IDisposable
    {
        public Trained()
        {
            Ml = new MLContext(seed: 1);
            var random = new Random(11);
            var train = Enumerable.Range(0, 60).Select(_ => new Image { Pixels = Smooth(random) }).ToList();
            Test = [.. Enumerable.Range(0, 10).Select(_ => new Image { Pixels = Smooth(random) }),
                .. Enumerable.Range(0, 4).Select(_ => new Image { Pixels = WithDefect(random), Label = 1 })];
            List<Image> validation = [.. Enumerable.Range(0, 20).Select(_ => new Image { Pixels = Smooth(random) }),
                .. Enumerable.Range(0, 4).Select(_ => new Image { Pixels = WithDefect(random), Label = 1 })];
            Model = Ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
            {
                FeatureColumnName = nameof(Image.Pixels),
                Network = DeepSvddNetwork.ResNet18Pretrained,
                Representation = DeepSvddRepresentation.Patches,
                InputResolution = 64,
                Epochs = 1,
                BatchSize = 20,
                Seed = 1,
                ValidationSet = Ml.Data.LoadFromEnumerable(validation),
            }).Fit(Ml.Data.LoadFromEnumerable(train));
        }

        public MLContext Ml { get; }

        public DeepSvddTransformer Model { get; }

        public List<Image> Test { get; }

        public IDataView TestData => Ml.Data.LoadFromEnumerable(Test);

        public void Dispose() => Model.Model.Dispose();
    }

    [Fact]
    public void The_map_peaks_on_the_planted_defect_and_the_mask_holds_it()
    {
        var model = trained.Model;
        model.HasAnomalyMap.Should().BeTrue();
        model.Representation.Should().Be(DeepSvddRepresentation.Patches);
        var scored = trained.Ml.Data.CreateEnumerable<Scored>(model.Transform(trained.TestData), reuseRowObject: false).ToList();
        var normal = scored.Take(10).ToList();
        var defective = scored.Skip(10).ToList();
        defective.Min(s => s.Score).Should().BeGreaterThan(normal.Max(s => s.Score), "every planted defect scores above every normal image");
        foreach (var row in defective)
        {
            int peak = Array.IndexOf(row.AnomalyMap, row.AnomalyMap.Max());
            int y = peak / Side, x = peak % Side;
            // The map's positions are 4 × 4 pixels at 64 px (layer2's stride 8 on a 2× upsampled image): allow one position around the defect.
            y.Should().BeInRange(DefectTop - 4, DefectTop + DefectSize + 3, "the peak's row");
            x.Should().BeInRange(DefectLeft - 4, DefectLeft + DefectSize + 3, "the peak's column");
            row.PredictedMask[peak].Should().BeTrue("the peak is above the threshold");
            row.PredictedLabel.Should().BeTrue();
        }
        // The normal images are mostly dark: the threshold lets about ν = 0.1 of the normal validation images show a pixel above it.
        normal.Average(r => r.PredictedMask.Count(m => m)).Should().BeLessThan(Side * Side / 10.0);
        for (int i = 0; i < scored.Count; i++)
        {
            scored[i].PredictedMask.Should().Equal(scored[i].AnomalyMap.Select(v => v > 0.5f), $"row {i}: the mask is the map above 0.5");
        }
    }

    [Fact]
    public void Every_scoring_path_gives_the_same_scores_and_maps()
    {
        var ml = trained.Ml;
        var model = trained.Model;
        var schema = model.GetOutputSchema(trained.TestData.Schema);
        ((VectorDataViewType)schema[OutputSchema.AnomalyMap].Type).Dimensions.Should().Equal(Side, Side);
        ((VectorDataViewType)schema[OutputSchema.PredictedMask].Type).ItemType.Should().Be(BooleanDataViewType.Instance);
        var batched = ml.Data.CreateEnumerable<Scored>(model.Transform(trained.TestData), reuseRowObject: false).ToList();

        var engine = ml.Model.CreatePredictionEngine<Image, Scored>(model);
        var single = trained.Test.Select(engine.Predict).Select(s => new Scored
        {
            Score = s.Score, PredictedLabel = s.PredictedLabel, AnomalyMap = [.. s.AnomalyMap], PredictedMask = [.. s.PredictedMask],
        }).ToList();

        string path = Path.Combine(Path.GetTempPath(), $"deepsvdd-patch-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, trained.TestData.Schema, path);
            var reloaded = ml.Model.LoadDeepSvdd(path, out _);
            var fromFile = ml.Data.CreateEnumerable<Scored>(reloaded.Transform(trained.TestData), reuseRowObject: false).ToList();
            ml.Model.GetDeepSvdd(reloaded).MapThreshold.Should().Be(model.MapThreshold);

            var plain = ml.Model.Load(path, out _);
            var plainScores = plain.Transform(trained.TestData).GetColumn<float>(OutputSchema.Score).ToArray();

            for (int i = 0; i < batched.Count; i++)
            {
                single[i].Score.Should().BeApproximately(batched[i].Score, 1e-4f * Math.Max(1, Math.Abs(batched[i].Score)), $"row {i}, PredictionEngine");
                fromFile[i].Score.Should().Be(batched[i].Score, $"row {i}, LoadDeepSvdd");
                plainScores[i].Should().BeApproximately(batched[i].Score, 1e-4f * Math.Max(1, Math.Abs(batched[i].Score)), $"row {i}, Model.Load");
                fromFile[i].AnomalyMap.Should().Equal(batched[i].AnomalyMap, $"row {i}, LoadDeepSvdd map");
                single[i].AnomalyMap.Zip(batched[i].AnomalyMap).Max(p => Math.Abs(p.First - p.Second)).Should().BeLessThan(1e-4f, $"row {i} map");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
