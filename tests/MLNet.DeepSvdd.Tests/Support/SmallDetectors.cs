using MLNet.DeepSvdd.Baselines.Geo;

namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>A small fitted detector of one kind, saved once to a model file, with data of its shape.</summary>
/// <param name="Name">"DeepSvdd", "Geo", "IsolationForest" or "OneClassSvm".</param>
/// <param name="InputSize">Values per row of its feature column "Features".</param>
/// <param name="Model">The fitted detector.</param>
/// <param name="Path">Its model file (<c>mlContext.Model.Save</c>).</param>
/// <param name="Rows">Finite rows of its shape: <c>Rows(count, seed)</c>.</param>
/// <param name="LoadWithLibrary">The library's own load entry point for it (<c>LoadDeepSvdd</c>, <c>LoadGeo</c>, <c>LoadBaselines</c>).</param>
public sealed record SmallDetector(
    string Name,
    int InputSize,
    ITransformer Model,
    string Path,
    Func<int, int, float[][]> Rows,
    Func<MLContext, string, ITransformer> LoadWithLibrary)
{
    public override string ToString() => Name;
}

/// <summary>
/// One small detector of each of the four kinds (Deep SVDD with a small MLP, GEO with LeNet on 16×16 images, Isolation Forest, one-class
/// SVM), trained once per test run and saved to a temporary folder, for the reliability tests that score, save, load and corrupt them.
/// </summary>
public static class SmallDetectors
{
    public const int GeoSide = 16;

    private static readonly Lazy<IReadOnlyDictionary<string, SmallDetector>> All = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static TheoryData<string> Names => new() { "DeepSvdd", "Geo", "IsolationForest", "OneClassSvm" };

    public static SmallDetector Get(string name) => All.Value[name];

    /// <summary>A row of a 3×32×32 image of random pixel values 0…255 drawn from <paramref name="random"/>.</summary>
    public static float[] RandomImageRow(Random random) => Enumerable.Range(0, 3 * 32 * 32).Select(_ => (float)random.Next(256)).ToArray();

    /// <summary>
    /// A ResNet-18 Deep SVDD detector on 3×32×32 rows (one epoch on the CPU, batch 4, an 8-d representation, seed 1), trained on 8
    /// <see cref="RandomImageRow"/>s drawn from <paramref name="random"/>; also returns its training view.
    /// </summary>
    public static (DeepSvddTransformer Model, IDataView Train) ResNet18At32(MLContext ml, Random random)
    {
        var train = View(ml, Enumerable.Range(0, 8).Select(_ => RandomImageRow(random)).ToList(), 3 * 32 * 32);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
        {
            Network = DeepSvddNetwork.ResNet18, ImageShape = [3, 32, 32], Epochs = 1, BatchSize = 4, RepresentationDimension = 8, Seed = 1,
            Device = DeepSvddDevice.Cpu,
        }).Fit(train);
        return (model, train);
    }

    /// <summary>A view of <paramref name="rows"/> in a column "Features" declared as a vector of <paramref name="size"/> Single values.</summary>
    public static IDataView View(MLContext ml, IEnumerable<float[]> rows, int size)
    {
        var definition = SchemaDefinition.Create(typeof(FlexibleRow));
        definition[nameof(FlexibleRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        return ml.Data.LoadFromEnumerable(rows.Select(r => new FlexibleRow { Features = r }), definition);
    }

    public static float[] Scores(ITransformer model, IDataView data) => model.Transform(data).GetColumn<float>("Score").ToArray();

    public static bool[] Labels(ITransformer model, IDataView data) => model.Transform(data).GetColumn<bool>("PredictedLabel").ToArray();

    private static IReadOnlyDictionary<string, SmallDetector> Create()
    {
        string directory = Directory.CreateTempSubdirectory("small-detectors-").FullName;
        var ml = new MLContext(seed: 1);
        var result = new Dictionary<string, SmallDetector>();

        void Add(string name, int size, IEstimator<ITransformer> trainer, Func<int, int, float[][]> rows, Func<MLContext, string, ITransformer> load, int trainRows)
        {
            var train = View(ml, rows(trainRows, 100), size);
            var model = trainer.Fit(train);
            string path = System.IO.Path.Combine(directory, $"{name}.zip");
            ml.Model.Save(model, train.Schema, path);
            result[name] = new SmallDetector(name, size, model, path, rows, load);
        }

        Add("DeepSvdd", VectorRow.Size,
            ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => { o.Epochs = 2; o.HiddenLayers = [8]; o.RepresentationDimension = 4; o.NoiseHeads = 4; })),
            (n, seed) => new SyntheticData(seed).NormalRows(n).Select(r => r.Features).ToArray(),
            (m, p) => m.Model.LoadDeepSvdd(p, out _), trainRows: 200);
        Add("Geo", 3 * GeoSide * GeoSide,
            ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options { Network = DeepSvddNetwork.LeNet, Epochs = 1, Seed = 1, Device = DeepSvddDevice.Cpu, ImageShape = [3, GeoSide, GeoSide] }),
            Images, (m, p) => m.Model.LoadGeo(p, out _), trainRows: 16);
        Add("IsolationForest", 4,
            ml.AnomalyDetection.Trainers.IsolationForest(numberOfTrees: 5, sampleSize: 16, seed: 1),
            (n, seed) => Gaussian(n, seed, 4), (m, p) => m.Model.LoadBaselines(p, out _), trainRows: 60);
        Add("OneClassSvm", 4,
            ml.AnomalyDetection.Trainers.OneClassSvm(nu: 0.2),
            (n, seed) => Gaussian(n, seed, 4), (m, p) => m.Model.LoadBaselines(p, out _), trainRows: 40);
        return result;
    }

    private static float[][] Gaussian(int n, int seed, int size)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, size).Select(_ => (float)StandardNormal.Sample(random)).ToArray()).ToArray();
    }

    /// <summary>RGB images, bright at the top, with noise and a bright square at a random place.</summary>
    private static float[][] Images(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var values = new float[3 * GeoSide * GeoSide];
            int bx = random.Next(GeoSide - 4), by = random.Next(GeoSide - 4);
            for (int ch = 0; ch < 3; ch++)
                for (int r = 0; r < GeoSide; r++)
                    for (int c = 0; c < GeoSide; c++)
                    {
                        bool square = r >= by && r < by + 4 && c >= bx && c < bx + 4;
                        values[(ch * GeoSide + r) * GeoSide + c] = square ? 255f : (float)(200 * (1 - r / (double)GeoSide) + 40 * random.NextDouble());
                    }
            return values;
        }).ToArray();
    }

    /// <summary>Scores <paramref name="rows"/> one at a time through a <c>PredictionEngine</c> of <paramref name="model"/>.</summary>
    public static (float Score, bool Label)[] Predict(MLContext ml, ITransformer model, IEnumerable<float[]> rows, int size)
    {
        var definition = SchemaDefinition.Create(typeof(FlexibleRow));
        definition[nameof(FlexibleRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        using var engine = ml.Model.CreatePredictionEngine<FlexibleRow, DeepSvddPrediction>(model, inputSchemaDefinition: definition);
        return rows.Select(r => engine.Predict(new FlexibleRow { Features = r })).Select(p => (p.Score, p.PredictedLabel)).ToArray();
    }

    /// <summary>A row whose feature vector's declared size is set by a schema definition.</summary>
    public sealed class FlexibleRow
    {
        public float[] Features { get; set; } = [];
    }
}
