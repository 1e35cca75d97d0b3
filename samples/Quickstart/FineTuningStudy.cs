using System.Diagnostics;
using System.Globalization;
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
/// <remarks>
/// setup also takes cutpaste and scar: the local defects CutPaste and CutPaste scar, whose views carry a Mask column; net takes a
/// <see cref="DeepSvddNetwork"/> (default ResNet18Pretrained). The pairs are checked by <see cref="Parse"/>, which the Quickstart's
/// System.CommandLine parser runs as the finetune argument's validator, so a bad key or value is a usage error before any work.
/// Options not given keep the library's defaults (<see cref="DeepSvddTrainer.Options"/>), except the study's own below.
/// </remarks>
public static class FineTuningStudy
{
    /// <summary>The study's own training images: 1000 for one-vs-all (as reproduce's cpu profile), 2000 for the alteration setups.</summary>
    public const int OneVsAllTrainImages = 1000, AlterationTrainImages = 2000;

    /// <summary>The study's own validation and test images (balanced), as reproduce's cpu profile.</summary>
    public const int ValidationImages = 400, TestImages = 2000;

    /// <summary>The study's own epochs (fine-tuning curves flatten within a few epochs): 5, not the trainer's 30.</summary>
    public const int DefaultEpochs = 5;

    /// <summary>The study's own network: the ImageNet-pretrained ResNet-18 (what it studies), not the trainer's Auto.</summary>
    public const DeepSvddNetwork DefaultNetwork = DeepSvddNetwork.ResNet18Pretrained;

    private static readonly string[] Setups = ["ova", "strokes1", "bp2", "bp8", "cutpaste", "scar"];

    /// <summary>Every key and how its value is read (a value that does not parse throws <see cref="FormatException"/>).</summary>
    private static readonly Dictionary<string, Func<string, object>> Keys = new()
    {
        ["setup"] = v => Setups.Contains(v) ? v : throw new FormatException($"expected {string.Join(", ", Setups)}"),
        ["class"] = v => int.Parse(v, CultureInfo.InvariantCulture) is var c and >= 0 and <= 9 ? c : throw new FormatException("expected 0–9"),
        ["train"] = v => int.Parse(v, CultureInfo.InvariantCulture),
        ["net"] = v => Enum.Parse<DeepSvddNetwork>(v, ignoreCase: true),
        ["res"] = v => int.Parse(v, CultureInfo.InvariantCulture),
        ["freeze"] = v => Enum.Parse<BackboneStage>(v, ignoreCase: true),
        ["bnfreeze"] = v => bool.Parse(v),
        // A float, as the study has always read it: lr=1e-5 is the double 1.0000000409520217e-5.
        ["lr"] = v => float.Parse(v, CultureInfo.InvariantCulture),
        ["epochs"] = v => int.Parse(v, CultureInfo.InvariantCulture),
        ["rep"] = v => int.Parse(v, CultureInfo.InvariantCulture),
        ["repr"] = v => Enum.Parse<DeepSvddRepresentation>(v, ignoreCase: true),
        ["reduce"] = v => Enum.Parse<PatchScoreReduction>(v, ignoreCase: true),
        ["top"] = v => double.Parse(v, CultureInfo.InvariantCulture),
        ["reg"] = v => v switch
        {
            "none" => CollapseRegularizer.None,
            "var" => CollapseRegularizer.VarianceHinge,
            "noise" => CollapseRegularizer.NoiseInjection,
            _ => throw new FormatException("expected none, noise or var"),
        },
        ["bias"] = v => bool.Parse(v),
        ["maxpool"] = v => bool.Parse(v),
        ["cache"] = v => int.Parse(v, CultureInfo.InvariantCulture),
        ["val"] = v => bool.Parse(v),
        ["seed"] = v => int.Parse(v, CultureInfo.InvariantCulture),
    };

    /// <summary>The key=value pairs as typed values, by key (a later pair wins).</summary>
    /// <exception cref="ArgumentException">A pair is not key=value, names an unknown key or has a value the key does not take.</exception>
    public static IReadOnlyDictionary<string, object> Parse(IEnumerable<string> pairs)
    {
        var settings = new Dictionary<string, object>();
        foreach (var pair in pairs)
        {
            var kv = pair.Split('=', 2);
            if (kv.Length != 2) throw new ArgumentException($"'{pair}': expected key=value (see FineTuningStudy.cs for the keys).");
            if (!Keys.TryGetValue(kv[0], out var read))
                throw new ArgumentException($"'{pair}': unknown key '{kv[0]}'; the keys are {string.Join(", ", Keys.Keys)}.");
            try
            {
                settings[kv[0]] = read(kv[1]);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                throw new ArgumentException($"'{pair}': {e.Message}");
            }
        }
        return settings;
    }

    /// <summary>One fit with the options of the key=value <paramref name="args"/> (see <see cref="Parse"/>).</summary>
    public static void Run(IReadOnlyList<string> args, string? dataPath = null)
    {
        var settings = Parse(args);
        T Get<T>(string key, T fallback) => settings.TryGetValue(key, out var v) ? (T)v : fallback;
        T? Maybe<T>(string key) where T : struct => settings.TryGetValue(key, out var v) ? (T)v : null;
        var library = new DeepSvddTrainer.Options();
        var cifar = Cifar10Dataset.Load(dataPath ?? Cifar10Dataset.FindDefault()
            ?? throw new DirectoryNotFoundException($"CIFAR-10 not found: set {Cifar10Dataset.EnvironmentVariable}."));
        int seed = Get("seed", 1);
        var ml = new MLContext(seed: seed);
        ml.Log += (_, e) =>
        {
            if (e.Message.Contains("] Epoch ") || e.Message.Contains("Frozen") || e.Message.Contains("keeping") || e.Message.Contains("Branches by"))
                Console.WriteLine("   " + e.Message[(e.Message.IndexOf(']') + 2)..]);
        };
        string setup = Get("setup", "ova");
        int train = Get("train", setup == "ova" ? OneVsAllTrainImages : AlterationTrainImages);
        var limits = new ProtocolLimits(Train: train, Validation: ValidationImages, Test: TestImages);
        ProtocolSplits splits = setup switch
        {
            "ova" => OneVsAllProtocol.Create(cifar, Get("class", 1), seed, limits),
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
            Network = Get("net", DefaultNetwork),
            InputResolution = Maybe<int>("res"),
            FreezeThrough = Maybe<BackboneStage>("freeze"),
            FreezeBatchNorm = Maybe<bool>("bnfreeze"),
            LearningRate = Maybe<float>("lr"),
            Epochs = Get("epochs", DefaultEpochs),
            RepresentationDimension = Maybe<int>("rep"),
            UseBias = Get("bias", library.UseBias),
            UseMaxPool = Get("maxpool", library.UseMaxPool),
            Regularizer = Get("reg", library.Regularizer),
            FrozenActivationCacheMegabytes = Get("cache", library.FrozenActivationCacheMegabytes),
            ValidationSet = Get("val", true) ? splits.Validation.Data : null,
            ValidationLabelColumnName = ProtocolColumns.Label,
            Seed = seed,
            ThrowOnCollapse = false,
            Representation = Get("repr", library.Representation),
            PatchScoreReduction = Get("reduce", library.PatchScoreReduction),
            PatchTopFraction = Get("top", library.PatchTopFraction),
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
