using MLNet.DeepSvdd.Cli.Reproduce;
using MLNet.DeepSvdd.Cli.Tuning;
using MLNet.DeepSvdd.Selection.Candidates;
using MLNet.DeepSvdd.Selection;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// <c>deepsvdd tune</c>: searches Deep SVDD settings and the shallow baselines on a CIFAR-10 setup (<see cref="DetectorSearch"/>), chooses by
/// validation AUC, scores the selected model alone on the test split, and writes leaderboard.md, leaderboard.json, leaderboard.png and the
/// selected model.
/// </summary>
public sealed class TuneCommand : Command<TuneCommand.Settings>
{
    public sealed class Settings : CifarSettings
    {
        [CommandOption("--train-limit")]
        [Description("Training images (default: 1000 one-vs-all, 2000 alterations, as reproduce's cpu profile; 0 for the protocol's full size).")]
        public int? TrainLimit { get; init; }

        [CommandOption("--validation-limit")]
        [Description("Validation images, half anomalous (default 400, as reproduce's cpu profile; 0 for full size).")]
        [DefaultValue(400)]
        public int ValidationLimit { get; init; } = 400;

        [CommandOption("--test-limit")]
        [Description("Test images, half anomalous, scored for the selected model only (default 2000; 0 for full size).")]
        [DefaultValue(2000)]
        public int TestLimit { get; init; } = 2000;

        [CommandOption("--space")]
        [Description("default (Deep SVDD on the pretrained ResNet-18 and on a LeNet from scratch, one-class SVM and Isolation Forest on CNN features and pixel PCA), deep (its Deep SVDD candidates), shallow (its shallow ones) or paper (the paper's k grid on the fully fine-tuned ResNet-18).")]
        [DefaultValue("default")]
        [TypeConverter(typeof(TuneSpaceSpellings))]
        public TuneSpace Space { get; init; } = TuneSpace.Default;

        [CommandOption("--strategy")]
        [Description("halving (successive halving over epochs), grid or random.")]
        [DefaultValue("halving")]
        [TypeConverter(typeof(StrategySpellings))]
        public SearchStrategy Strategy { get; init; } = DetectorSearch.Defaults.Strategy;

        [CommandOption("--epochs")]
        [Description("Full training epochs of the deep candidates (successive halving starts them at --min-epochs).")]
        [DefaultValue(DefaultEpochs)]
        public int Epochs { get; init; } = DefaultEpochs;

        /// <summary>
        /// The command's own epochs of the deep candidates: 5, as reproduce's cpu profile, not the search space's
        /// <see cref="DetectorSearch.Defaults.ImageEpochs"/> (10), so that a default search finishes on a CPU.
        /// </summary>
        public const int DefaultEpochs = 5;

        [CommandOption("--min-epochs")]
        [Description("Successive halving: epochs of the first round.")]
        [DefaultValue(DetectorSearch.Defaults.MinEpochs)]
        public int MinEpochs { get; init; } = DetectorSearch.Defaults.MinEpochs;

        [CommandOption("--halving-rate")]
        [Description("Successive halving: η, the factor by which each round cuts the candidates and multiplies the epochs.")]
        [DefaultValue(DetectorSearch.Defaults.HalvingRate)]
        public int HalvingRate { get; init; } = DetectorSearch.Defaults.HalvingRate;

        [CommandOption("--input-resolution")]
        [Description("Side in pixels images are resized to inside the ResNet-18 (deep candidates and CNN features).")]
        [DefaultValue(DetectorSearch.Defaults.ImageInputResolution)]
        public int InputResolution { get; init; } = DetectorSearch.Defaults.ImageInputResolution;

        [CommandOption("--trials")]
        [Description("At most this many trials (default: as many as the strategy plans).")]
        public int? Trials { get; init; }

        [CommandOption("--time-budget")]
        [Description("Wall-clock budget of the trials: minutes, or a number with a unit s, m, h or d (90, 20s, 1.5h); the running trial is stopped and the best completed trial so far is selected.")]
        [TypeConverter(typeof(TimeBudgetSpelling))]
        public TimeSpan? TimeBudget { get; init; }

        [CommandOption("--compare")]
        [Description("Also train the library's defaults and the paper's settings (same epochs, resolution and splits) and score them on the test split, for comparison; they are not candidates.")]
        public bool Compare { get; init; }

        [CommandOption("--out")]
        [Description("Output folder (default tune/<setup>-seed<N>).")]
        public string? Output { get; init; }

        public override ValidationResult Validate()
        {
            var setup = base.Validate();
            if (!setup.Successful) return setup;
            if (TrainLimit is < 0 || ValidationLimit < 0 || TestLimit < 0) return ValidationResult.Error("--train-limit, --validation-limit and --test-limit must be ≥ 0 (0 = full size).");
            if (ValidationLimit is > 0 and < 2 || TestLimit is > 0 and < 2) return ValidationResult.Error("--validation-limit and --test-limit must be at least 2 (a normal and an anomalous image).");
            if (Epochs < 1) return ValidationResult.Error("--epochs must be at least 1.");
            if (MinEpochs < 1) return ValidationResult.Error("--min-epochs must be at least 1.");
            if (HalvingRate < 2) return ValidationResult.Error("--halving-rate must be at least 2.");
            if (InputResolution is < 32 or > 1024) return ValidationResult.Error("--input-resolution must be between 32 and 1024 pixels.");
            if (Trials is < 1) return ValidationResult.Error("--trials must be at least 1.");
            if (TimeBudget is { } budget && budget <= TimeSpan.Zero) return ValidationResult.Error("--time-budget must be positive (minutes, or a number with a unit s, m, h or d).");
            return ValidationResult.Success();
        }

        /// <summary>The search space the options name.</summary>
        internal SearchSpace BuildSpace() => Space switch
        {
            TuneSpace.Paper => SearchSpace.PaperNoiseHeads(Epochs, InputResolution),
            TuneSpace.Deep => SearchSpace.ForImages(Epochs, InputResolution).Where(c => c is DeepSvddCandidate),
            TuneSpace.Shallow => SearchSpace.ForImages(Epochs, InputResolution).Where(c => c is ShallowCandidate),
            _ => SearchSpace.ForImages(Epochs, InputResolution),
        };

        internal string SetupName => Anomaly is { } a ? a.Trim().ToLowerInvariant() : $"class{NormalClass}";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        // Errors (CIFAR-10 not found, a bad --out, no usable trial, a cancellation) go to ExitCodes through CliApp's exception handler.
        string command = ("deepsvdd tune " + string.Join(' ', context.Arguments.SkipWhile(a => a == "tune"))).Trim();
        Tune(settings, command, line => AnsiConsole.WriteLine(line), cancellation);
        return ExitCodes.Success;
    }

    /// <summary>Runs the search of <paramref name="settings"/>, writes its files and returns the leaderboard; <paramref name="log"/> gets the progress and the report.</summary>
    public static Leaderboard Tune(Settings settings, string commandLine, Action<string> log, CancellationToken cancellation)
    {
        string folder = OutputPath.CheckFolder(settings.Output ?? Path.Combine("tune", $"{settings.SetupName}-seed{settings.Seed}"), "--out");
        var cifar = Datasets.Cifar10Dataset.Load(ImageSources.LocateCifar(settings.Data));
        int? Limit(int value) => value > 0 ? value : null;
        int train = settings.TrainLimit ?? (settings.Anomaly is null ? ReproduceProfile.Cpu.OneVsAll.Train : ReproduceProfile.Cpu.Alteration.Train) ?? 0;
        var limits = new ProtocolLimits(Train: Limit(train), Validation: Limit(settings.ValidationLimit), Test: Limit(settings.TestLimit));
        var splits = settings.Anomaly is { } anomaly
            ? AlterationProtocol.Create(cifar, ImageSources.ParseAlteration(anomaly), settings.Seed, limits)
            : OneVsAllProtocol.Create(cifar, settings.NormalClass, settings.Seed, limits);
        log(splits.ToString());

        var space = settings.BuildSpace();
        var strategy = settings.Strategy;
        var ml = new MLContext(settings.Seed);
        var options = new DetectorSearch.Options
        {
            FeatureColumnName = ProtocolColumns.Image,
            LabelColumnName = ProtocolColumns.Label,
            ValidationSet = splits.Validation.Data,
            TestSet = splits.Test.Data,
            SearchSpace = space,
            Strategy = strategy,
            MaxTrials = settings.Trials,
            TimeBudget = settings.TimeBudget,
            Seed = settings.Seed,
            MinEpochs = settings.MinEpochs,
            HalvingRate = settings.HalvingRate,
            Progress = new LineProgress(log),
        };
        log($"Searching {space.Candidates.Count} candidates ({strategy}, deep candidates up to {settings.Epochs} epochs at {settings.InputResolution} px)…");
        var selected = ml.AnomalyDetection.Trainers.DetectorSearch(options).Fit(splits.Train.Data, cancellation);
        var board = selected.Leaderboard;

        var references = new List<ReferenceRun>();
        if (settings.Compare)
        {
            log("Training the fixed configurations for comparison…");
            references.Add(ReferenceRun.Fit(ml, "library defaults (pretrained ResNet-18, layer3 frozen, noise k=64, lr 1e-5)",
                new DeepSvddTrainer.Options { Network = DeepSvddNetwork.ResNet18Pretrained, InputResolution = settings.InputResolution, Epochs = settings.Epochs },
                splits, settings.Seed));
            log($"  {references[^1].Name}: test AUC {references[^1].TestAuc:F4}");
            references.Add(ReferenceRun.Fit(ml, "paper's settings (all layers fine-tuned, lr 1e-4 / 1e-3 head, noise k=64)",
                SearchSpace.PaperSettings(settings.Epochs, settings.InputResolution), splits, settings.Seed));
            log($"  {references[^1].Name}: test AUC {references[^1].TestAuc:F4}");
        }

        string? modelNote;
        string modelPath = Path.Combine(folder, "model.zip");
        try
        {
            AtomicFile.Write(modelPath, stream => ml.Model.Save(selected, splits.Train.Data.Schema, stream));
            modelNote = $"The selected model is saved as {Path.GetFileName(modelPath)} (load it with mlContext.Model.Load, score with deepsvdd score).";
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            modelNote = $"The selected model was not saved: {e.Message}";
        }

        var written = TuneReport.Write(folder, settings.SetupName, commandLine, splits.ToString(), board, references, modelNote);
        log("");
        log(File.ReadAllText(written[0]));
        foreach (var path in written) log($"Wrote {path}");
        return board;
    }

    /// <summary>One line per trial: verdict, validation AUC, time, the best so far and the estimated time left.</summary>
    private sealed class LineProgress(Action<string> log) : IProgress<SearchProgress>
    {
        public void Report(SearchProgress p)
        {
            var t = p.Trial;
            string auc = double.IsFinite(t.ValidationAuc) ? $"val AUC {t.ValidationAuc:F4}" : "no AUC";
            string verdict = t.Verdict == TrialVerdict.Completed ? "" : $" [{t.Verdict}]";
            string best = p.Best is { } b ? $" · best {b.ValidationAuc:F4} (trial {b.Number})" : "";
            string eta = p.EstimatedRemaining is { } r ? $" · ETA {r:hh\\:mm\\:ss}" : "";
            log($"[{p.CompletedTrials}/{p.PlannedTrials} {p.Elapsed:hh\\:mm\\:ss}] {t.Candidate}" +
                (t.Epochs is { } e ? $" ({e} ep)" : "") + $": {auc}{verdict} in {t.Duration.TotalSeconds:F0} s{best}{eta}");
        }
    }
}

/// <summary>The search spaces of <c>tune --space</c> (see <see cref="TuneCommand.Settings.BuildSpace"/>).</summary>
public enum TuneSpace
{
    /// <summary>Deep SVDD on the pretrained ResNet-18 and on a LeNet from scratch, one-class SVM and Isolation Forest on CNN features and pixel PCA.</summary>
    Default,

    /// <summary>The Deep SVDD candidates of <see cref="Default"/>.</summary>
    Deep,

    /// <summary>The shallow candidates of <see cref="Default"/>.</summary>
    Shallow,

    /// <summary>The paper's k grid on the fully fine-tuned ResNet-18.</summary>
    Paper,
}
