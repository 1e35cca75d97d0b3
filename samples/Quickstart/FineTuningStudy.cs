using System.Diagnostics;
using MLNet.DeepSvdd.Datasets.Alterations;
using MLNet.DeepSvdd.Datasets.Protocols;
using MLNet.DeepSvdd.Datasets;
using MLNet.DeepSvdd;

/// <summary>
/// How the fine-tuning options move detection quality: one Deep SVDD fit on a CIFAR-10 setup with the options given as key=value
/// arguments, printing the validation AUC after every epoch (epoch 0 = the untrained network) and the test AUC of the kept epoch.
/// The "Detection quality" figures of docs/images-and-fine-tuning.md were made with it, e.g.
/// <c>dotnet run --project samples/Quickstart -c Release -- finetune class=1 res=128 freeze=Layer2 lr=1e-5 epochs=8</c>.
/// Keys: setup (ova, strokes1, bp2, bp8), class (0–9), train (images), res (InputResolution), freeze (FreezeThrough), bnfreeze (true/false),
/// lr, epochs, rep (RepresentationDimension), repr (Representation: Auto, Pooled, Patches, PooledAndPatches), reduce (PatchScoreReduction),
/// top (PatchTopFraction), reg (none, noise, var), bias (true/false), maxpool (true/false), cache (FrozenActivationCacheMegabytes), val (true/false), seed.
/// </summary>
/// <remarks>setup also takes cutpaste and scar: the local defects CutPaste and CutPaste scar, whose views carry a Mask column.</remarks>
public static class FineTuningStudy
{
    public static void Run(IReadOnlyList<string> args, string? dataPath = null)
    {
        var a = new Dictionary<string, string>();
        foreach (var arg in args)
        {
            var kv = arg.Split('=', 2);
            if (kv.Length != 2) throw new ArgumentException($"'{arg}': expected key=value (see FineTuningStudy.cs for the keys).");
            a[kv[0]] = kv[1];
        }
        string Get(string key, string fallback) => a.TryGetValue(key, out var v) ? v : fallback;
        var cifar = Cifar10Dataset.Load(dataPath ?? Cifar10Dataset.FindDefault()
            ?? throw new DirectoryNotFoundException($"CIFAR-10 not found: set {Cifar10Dataset.EnvironmentVariable}."));
        int seed = int.Parse(Get("seed", "1"));
        var ml = new MLContext(seed: seed);
        ml.Log += (_, e) =>
        {
            if (e.Message.Contains("] Epoch ") || e.Message.Contains("Frozen") || e.Message.Contains("keeping") || e.Message.Contains("Branches by")) Console.WriteLine("   " + e.Message[(e.Message.IndexOf(']') + 2)..]);
        };
        string setup = Get("setup", "ova");
        int train = int.Parse(Get("train", setup == "ova" ? "1000" : "2000"));
        var limits = new ProtocolLimits(Train: train, Validation: 400, Test: 2000);
        ProtocolSplits splits = setup switch
        {
            "ova" => OneVsAllProtocol.Create(cifar, int.Parse(Get("class", "1")), seed, limits),
            "strokes1" => AlterationProtocol.Create(cifar, new Strokes(1), seed, limits),
            "bp2" => AlterationProtocol.Create(cifar, new BlockPermutation(2), seed, limits),
            "bp8" => AlterationProtocol.Create(cifar, new BlockPermutation(8), seed, limits),
            "cutpaste" => AlterationProtocol.Create(cifar, new CutPaste(), seed, limits),
            "scar" => AlterationProtocol.Create(cifar, new CutPasteScar(), seed, limits),
            _ => throw new ArgumentException($"setup={setup}: expected ova, strokes1, bp2, bp8, cutpaste or scar."),
        };
        var options = new DeepSvddTrainer.Options
        {
            FeatureColumnName = ProtocolColumns.Image,
            Network = Enum.Parse<DeepSvddNetwork>(Get("net", "ResNet18Pretrained"), ignoreCase: true),
            InputResolution = a.TryGetValue("res", out var res) ? int.Parse(res) : null,
            FreezeThrough = a.TryGetValue("freeze", out var freeze) ? Enum.Parse<BackboneStage>(freeze, ignoreCase: true) : null,
            FreezeBatchNorm = a.TryGetValue("bnfreeze", out var bn) ? bool.Parse(bn) : null,
            LearningRate = a.TryGetValue("lr", out var lr) ? float.Parse(lr) : null,
            Epochs = int.Parse(Get("epochs", "5")),
            RepresentationDimension = a.TryGetValue("rep", out var rep) ? int.Parse(rep) : null,
            UseBias = bool.Parse(Get("bias", "true")),
            UseMaxPool = bool.Parse(Get("maxpool", "true")),
            Regularizer = Get("reg", "noise") switch
            {
                "none" => CollapseRegularizer.None,
                "var" => CollapseRegularizer.VarianceHinge,
                _ => CollapseRegularizer.NoiseInjection,
            },
            FrozenActivationCacheMegabytes = int.Parse(Get("cache", "2048")),
            ValidationSet = Get("val", "true") == "true" ? splits.Validation.Data : null,
            ValidationLabelColumnName = ProtocolColumns.Label,
            Seed = seed,
            ThrowOnCollapse = false,
            Representation = Enum.Parse<DeepSvddRepresentation>(Get("repr", "Auto"), ignoreCase: true),
            PatchScoreReduction = Enum.Parse<PatchScoreReduction>(Get("reduce", "TopMean"), ignoreCase: true),
            PatchTopFraction = double.Parse(Get("top", "0.04"), System.Globalization.CultureInfo.InvariantCulture),
        };
        Console.WriteLine($"{splits}; {string.Join(' ', args)}");
        var clock = Stopwatch.StartNew();
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(splits.Train.Data);
        double fit = clock.Elapsed.TotalSeconds;
        clock.Restart();
        double auc = ml.AnomalyDetection.Evaluate(model.Transform(splits.Test.Data), labelColumnName: ProtocolColumns.Label).AreaUnderRocCurve;
        var report = model.Report;
        Console.WriteLine($"test AUC {auc:F4} | validation AUC by epoch {string.Join(", ", report.Epochs.Select(e => e.ValidationAuc?.ToString("F3") ?? "-"))} | " +
            $"kept epoch {report.SelectedEpoch} | fit {fit:F0} s, test scoring {clock.Elapsed.TotalSeconds:F0} s | {report.RowsPerSecond:F0} training img/s | " +
            $"collapsed: {(report.Collapse.IsCollapsed ? "yes" : "no")}");
    }
}
