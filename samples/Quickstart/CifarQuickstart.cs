using System.Diagnostics;
using MLNet.DeepSvdd.Datasets.Protocols;
using MLNet.DeepSvdd.Datasets;
using MLNet.DeepSvdd;
using Microsoft.ML.Data;

/// <summary>
/// CIFAR-10 one-vs-all with the ImageNet-pretrained ResNet-18, as in the paper (section V), reduced to run in minutes on a CPU:
/// train on part of one class, keep the epoch with the best validation AUC, test on the official test set (the normal class against
/// the nine others), for the "w/ bias" and "w/ bias &amp; noise reg." variants; then compare the scoring paths.
/// </summary>
public static class CifarQuickstart
{
    /// <summary>What the quickstart runs.</summary>
    /// <param name="Resolution">The side the network resizes the 32×32 images to (Options.InputResolution). 128 px keeps most of what the
    /// pretrained ResNet-18 gains from its native 224 px at a third of the CPU time.</param>
    public sealed record Settings(int NormalClass = 1, int TrainImages = 1000, int Epochs = 3, int TestImages = 2000, bool AllVariants = false,
        string? DataPath = null, int Seed = 1, int Resolution = 128, int ValidationImages = 1000);

    /// <summary>A CIFAR-10 image for single-row prediction.</summary>
    public sealed class ImageRow
    {
        [VectorType(3, 32, 32)]
        public float[] Image { get; set; } = [];
    }

    public static void Run(Settings settings)
    {
        var clock = Stopwatch.StartNew();
        var cifar = Cifar10Dataset.Load(LocateOrDownload(settings.DataPath));
        var ml = new MLContext(seed: settings.Seed);
        ml.Log += (_, e) =>
        {
            int at = e.Message.IndexOf("] Epoch ", StringComparison.Ordinal);
            if (at >= 0) Console.WriteLine($"    {e.Message[(at + 2)..]}");
        };
        string normalName = cifar.ClassNames[settings.NormalClass];

        // The paper's split (section V-A), reduced: the first TrainImages of the shuffled 80 % of the normal class for training, a balanced
        // 500 + 500 subset of the rest of the training set for validation, the official test set (or a balanced subset of TestImages).
        var splits = OneVsAllProtocol.Create(cifar, settings.NormalClass, settings.Seed,
            new ProtocolLimits(Train: settings.TrainImages, Validation: settings.ValidationImages, Test: settings.TestImages));
        IDataView train = splits.Train.Data, validation = splits.Validation.Data, test = splits.Test.Data;

        Console.WriteLine($"CIFAR-10 one-vs-all, normal class {settings.NormalClass} ({normalName}): {splits.Train.Count} training images, " +
            $"{settings.Epochs} epochs, {splits.Validation.Count} validation images, {splits.Test.Count} test images; pretrained ResNet-18 at " +
            $"{settings.Resolution} px (stem…layer3 frozen, BatchNorm statistics frozen: the library's defaults for a pretrained backbone).");

        var variants = new List<(string Name, bool Bias, CollapseRegularizer Regularizer)>
        {
            ("D. SVDD w/ bias", true, CollapseRegularizer.None),
            ("D. SVDD w/ bias & noise reg.", true, CollapseRegularizer.NoiseInjection),
        };
        if (settings.AllVariants)
        {
            variants.Insert(0, ("D. SVDD (no bias)", false, CollapseRegularizer.None));
            variants.Add(("D. SVDD w/ bias & σ² reg.", true, CollapseRegularizer.VarianceHinge));
        }

        var results = new List<string>();
        DeepSvddTransformer? kept = null;
        foreach (var (name, bias, regularizer) in variants)
        {
            Console.WriteLine($"  training {name} …");
            var model = ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
            {
                FeatureColumnName = "Image",
                Network = DeepSvddNetwork.ResNet18Pretrained,
                Representation = DeepSvddRepresentation.Pooled, // the paper's model (the library's default for images adds the patch branch)
                UseBias = bias,
                Regularizer = regularizer,
                Epochs = settings.Epochs,
                InputResolution = settings.Resolution, // the images stay 32×32 in the data; the model resizes them inside
                ValidationSet = validation,
                Seed = settings.Seed,
                ThrowOnCollapse = false, // show a collapse in the table instead of stopping the comparison
            }).Fit(train);
            double auc = ml.AnomalyDetection.Evaluate(model.Transform(test)).AreaUnderRocCurve;
            var report = model.Report;
            results.Add($"{name,-30} {auc,9:F4} {report.Epochs[report.SelectedEpoch].ValidationAuc,9:F4} {report.SelectedEpoch,6} " +
                $"{(report.Collapse.IsCollapsed ? "YES" : "no"),10} {report.RowsPerSecond,8:F0}");
            if (regularizer == CollapseRegularizer.NoiseInjection) kept = model;
        }

        Console.WriteLine();
        Console.WriteLine($"{"variant",-30} {"test AUC",9} {"val AUC",9} {"epoch",6} {"collapsed",10} {"img/s",8}");
        results.ForEach(Console.WriteLine);
        Console.WriteLine();
        CompareScoringPaths(ml, kept!, train.Schema, test, cifar);
        Console.WriteLine($"\nTotal time {clock.Elapsed.TotalSeconds:F0} s.");
    }

    /// <summary>Scoring throughput: batched Transform, PredictionEngine, and a model reloaded both ways.</summary>
    private static void CompareScoringPaths(MLContext ml, DeepSvddTransformer model, DataViewSchema schema, IDataView test, Cifar10Dataset cifar)
    {
        const int singleRows = 300;
        var rows = Enumerable.Range(0, singleRows).Select(i => new ImageRow { Image = cifar.Test[i].Image }).ToList();
        string path = Path.Combine(Path.GetTempPath(), "deepsvdd-cifar10-quickstart.zip");
        var save = Stopwatch.StartNew();
        ml.Model.Save(model, schema, path);
        save.Stop();

        double Batched(ITransformer transformer)
        {
            var watch = Stopwatch.StartNew();
            int n = transformer.Transform(test).GetColumn<float>("Score").Count();
            return n / watch.Elapsed.TotalSeconds;
        }
        double RowByRow(ITransformer transformer)
        {
            var engine = ml.Model.CreatePredictionEngine<ImageRow, DeepSvddPrediction>(transformer);
            engine.Predict(rows[0]);
            var watch = Stopwatch.StartNew();
            foreach (var row in rows) engine.Predict(row);
            return singleRows / watch.Elapsed.TotalSeconds;
        }

        var loaded = ml.Model.Load(path, out _);
        var restored = ml.Model.LoadDeepSvdd(path, out _);
        Console.WriteLine($"Scoring throughput (images/s), model file {new FileInfo(path).Length / 1_048_576.0:F1} MB saved in {save.Elapsed.TotalSeconds:F1} s:");
        Console.WriteLine($"  fitted model, Transform (batched)         {Batched(model),8:F0}");
        Console.WriteLine($"  fitted model, PredictionEngine            {RowByRow(model),8:F0}");
        Console.WriteLine($"  Model.Load, Transform (row by row)        {Batched(loaded),8:F0}");
        Console.WriteLine($"  Model.LoadDeepSvdd, Transform (batched)   {Batched(restored),8:F0}");
    }

    private static string LocateOrDownload(string? explicitPath)
    {
        string? path = explicitPath ?? Cifar10Dataset.FindDefault();
        if (path is not null && (Directory.Exists(path) || File.Exists(path))) return path;
        string target = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "MLNet.DeepSvdd", "cifar-10");
        Console.WriteLine($"CIFAR-10 not found ({Cifar10Dataset.EnvironmentVariable} or --data); downloading the official tarball to {target} …");
        var progress = new Progress<(long Done, long Total)>(p =>
            Console.Write(p.Total > 0 ? $"\r  {p.Done / 1_048_576.0,6:F1} / {p.Total / 1_048_576.0:F1} MB ({100.0 * p.Done / p.Total:F0}%)" : $"\r  {p.Done / 1_048_576.0,6:F1} MB"));
        string tarball = Cifar10Dataset.Download(target, progress);
        Console.WriteLine();
        return tarball;
    }
}
