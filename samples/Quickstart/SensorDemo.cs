using System.Diagnostics;
using MLNet.DeepSvdd;
using Microsoft.ML.Data;

/// <summary>
/// Deep SVDD on plain feature vectors: train on "normal" sensor readings, evaluate on a mix of normal and anomalous ones, save, reload,
/// score. Run: dotnet run --project samples/Quickstart -c Release -- sensors
/// </summary>
public static class SensorDemo
{
    public static void Run()
    {
        var ml = new MLContext(seed: 1);
        var sensors = new SensorSimulator(seed: 0);

        // 1. Training data: normal readings only. Validation and test data: half normal, half anomalous (Label 1).
        IDataView train = ml.Data.LoadFromEnumerable(sensors.Normal(4000));
        IDataView validation = ml.Data.LoadFromEnumerable(sensors.Mixed(1000));
        IDataView test = ml.Data.LoadFromEnumerable(sensors.Mixed(2000));

        // 2. The four Deep SVDD variants of the paper, on the same data.
        var variants = new (string Name, bool Bias, CollapseRegularizer Regularizer)[]
        {
            ("D. SVDD (no bias)", false, CollapseRegularizer.None),
            ("D. SVDD w/ bias", true, CollapseRegularizer.None),
            ("D. SVDD w/ bias & noise reg.", true, CollapseRegularizer.NoiseInjection),
            ("D. SVDD w/ bias & σ² reg.", true, CollapseRegularizer.VarianceHinge),
        };
        Console.WriteLine($"{"variant",-30} {"test AUC",9} {"best epoch",11} {"collapsed",10} {"rows/s",9}");
        DeepSvddTransformer? kept = null;
        foreach (var (name, bias, regularizer) in variants)
        {
            var trainer = ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
            {
                UseBias = bias,
                Regularizer = regularizer,
                Epochs = 10,
                LearningRate = 1e-3f,
                ValidationSet = validation,
                ThrowOnCollapse = false, // report collapse in the table instead of stopping the comparison
            });
            var model = trainer.Fit(train);
            var metrics = ml.AnomalyDetection.Evaluate(model.Transform(test));
            Console.WriteLine($"{name,-30} {metrics.AreaUnderRocCurve,9:F4} {model.Report.SelectedEpoch,11} {(model.Report.Collapse.IsCollapsed ? "YES" : "no"),10} {model.Report.RowsPerSecond,9:F0}");
            if (regularizer == CollapseRegularizer.NoiseInjection) kept = model;
        }

        // 3. Save the noise-regularized model, load it back in batched form, and score single readings.
        string path = Path.Combine(Path.GetTempPath(), "deepsvdd-quickstart.zip");
        ml.Model.Save(kept!, train.Schema, path);
        var loaded = ml.Model.LoadDeepSvdd(path, out _);
        var engine = ml.Model.CreatePredictionEngine<SensorReading, DeepSvddPrediction>(loaded);
        var normal = engine.Predict(sensors.Normal(1)[0]);
        var odd = engine.Predict(sensors.Anomalous(1)[0]);
        Console.WriteLine($"\nSaved to {path} ({new FileInfo(path).Length / 1024} KB) and reloaded.");
        Console.WriteLine($"normal reading:    score {normal.Score,8:F4}  anomaly: {normal.PredictedLabel}");
        Console.WriteLine($"anomalous reading: score {odd.Score,8:F4}  anomaly: {odd.PredictedLabel}   (threshold {kept!.Threshold:F4})");

        var clock = Stopwatch.StartNew();
        int scored = ml.Model.LoadDeepSvdd(path, out _).Transform(test).GetColumn<float>("Score").Count();
        Console.WriteLine($"Batched scoring after reload: {scored / clock.Elapsed.TotalSeconds:F0} rows/s");
    }
}

/// <summary>A reading of 16 correlated sensors.</summary>
public sealed class SensorReading
{
    [VectorType(SensorSimulator.Sensors)]
    public float[] Features { get; set; } = [];

    /// <summary>1 = anomaly, 0 = normal.</summary>
    public float Label { get; set; }
}

/// <summary>
/// Normal readings are driven by 3 hidden factors (16 sensors = mixing matrix · factors + small noise); an anomalous reading breaks the
/// correlation: a few sensors drift independently of the others.
/// </summary>
public sealed class SensorSimulator
{
    public const int Sensors = 16;
    private readonly Random random;
    private readonly float[,] mixing = new float[3, Sensors];

    public SensorSimulator(int seed)
    {
        random = new Random(seed);
        for (int f = 0; f < 3; f++) for (int s = 0; s < Sensors; s++) mixing[f, s] = (float)(random.NextDouble() * 2 - 1);
    }

    public List<SensorReading> Normal(int n) => Enumerable.Range(0, n).Select(_ => Reading(anomalous: false)).ToList();

    public List<SensorReading> Anomalous(int n) => Enumerable.Range(0, n).Select(_ => Reading(anomalous: true)).ToList();

    public List<SensorReading> Mixed(int n) => Enumerable.Range(0, n).Select(i => Reading(anomalous: i % 2 == 1)).ToList();

    private SensorReading Reading(bool anomalous)
    {
        double[] factors = [Gauss(), Gauss(), Gauss()];
        var x = new float[Sensors];
        for (int s = 0; s < Sensors; s++)
            x[s] = (float)(factors[0] * mixing[0, s] + factors[1] * mixing[1, s] + factors[2] * mixing[2, s] + 0.05 * Gauss());
        if (anomalous)
            for (int k = 0; k < 3; k++) x[random.Next(Sensors)] += (float)(1.5 * Gauss());
        return new SensorReading { Features = x, Label = anomalous ? 1 : 0 };
    }

    private double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
