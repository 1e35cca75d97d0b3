namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary><c>deepsvdd train</c>: trains a Deep SVDD model on an image folder or a CIFAR-10 setup and saves it as an ML.NET model file.</summary>
public sealed class TrainCommand : Command<TrainCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandOption("--model")]
        [Description("Where to save the model (.zip; never an image under --images or a CIFAR-10 file it reads).")]
        public string Model { get; init; } = "";

        [CommandOption("--image-size")]
        [Description("--images: images are resized to this many pixels square.")]
        [DefaultValue(32)]
        public int ImageSize { get; init; } = 32;

        [CommandOption("--train-limit")]
        [Description("CIFAR-10: at most this many training images (default 1000; 0 for the protocol's full size).")]
        [DefaultValue(ImageSources.DefaultTrainLimit)]
        public int TrainLimit { get; init; } = ImageSources.DefaultTrainLimit;

        [CommandOption("--network")]
        [Description("auto, mlp, lenet, resnet18 or resnet18pretrained.")]
        [DefaultValue("auto")]
        [TypeConverter(typeof(NetworkSpellings))]
        public DeepSvddNetwork Network { get; init; } = DeepSvddTrainer.Defaults.Network;

        [CommandOption("--regularizer")]
        [Description("none, noise (noise injection, the paper's proposal) or variance (minibatch variance hinge).")]
        [DefaultValue("noise")]
        [TypeConverter(typeof(RegularizerSpellings))]
        public CollapseRegularizer Regularizer { get; init; } = DeepSvddTrainer.Defaults.Regularizer;

        [CommandOption("--representation")]
        [Description("What the hypersphere is fitted to: auto, pooled (one point per image, the paper's), patches (one point per position of the " +
            "ResNet's layer1 map: finds small local defects and gives anomaly maps) or pooled-and-patches.")]
        [DefaultValue("auto")]
        [TypeConverter(typeof(RepresentationSpellings))]
        public DeepSvddRepresentation Representation { get; init; } = DeepSvddTrainer.Defaults.Representation;

        [CommandOption("--objective")]
        [Description("one-class or soft-boundary.")]
        [DefaultValue("one-class")]
        [TypeConverter(typeof(ObjectiveSpellings))]
        public DeepSvddObjective Objective { get; init; } = DeepSvddTrainer.Defaults.Objective;

        [CommandOption("--no-bias")]
        [Description("The standard Deep SVDD of Ruff et al.: no biases (an architectural guard against collapse).")]
        public bool NoBias { get; init; }

        [CommandOption("--epochs")]
        [Description("Training epochs (default 10, for a first model in minutes on a CPU; the library's default and the paper's: 30).")]
        [DefaultValue(DefaultEpochs)]
        public int Epochs { get; init; } = DefaultEpochs;

        /// <summary>
        /// The command's one default that differs from the library's (<c>DeepSvddTrainer.Options.Epochs</c>, 30): 10 epochs, so that a first
        /// model trains in minutes on a CPU. Every other training default is the library's.
        /// </summary>
        public const int DefaultEpochs = 10;

        [CommandOption("--learning-rate")]
        [Description("Learning rate of the network (default: 1e-5 for a pretrained backbone, else 1e-4, the paper's).")]
        public double? LearningRate { get; init; }

        [CommandOption("--head-learning-rate")]
        [Description("Learning rate of the noise-injection head g (the paper: 1e-3).")]
        [DefaultValue(DeepSvddTrainer.Defaults.HeadLearningRate)]
        public double HeadLearningRate { get; init; } = DeepSvddTrainer.Defaults.HeadLearningRate;

        [CommandOption("--batch-size")]
        [Description("Minibatch size (the paper: 50).")]
        [DefaultValue(DeepSvddTrainer.Defaults.BatchSize)]
        public int BatchSize { get; init; } = DeepSvddTrainer.Defaults.BatchSize;

        [CommandOption("--input-resolution")]
        [Description("Side in pixels the network resizes images to (default: 224 for the pretrained ResNet-18 on smaller images, else the images' own size).")]
        public int? InputResolution { get; init; }

        [CommandOption("--freeze-through")]
        [Description("Frozen leading ResNet stages: none, stem, layer1, layer2, layer3 or layer4 (default: layer3 for pretrained networks, else none).")]
        [TypeConverter(typeof(FreezeThroughSpellings))]
        public BackboneStage? FreezeThrough { get; init; }

        public override ValidationResult Validate()
        {
            var data = base.Validate();
            if (!data.Successful) return data;
            if (string.IsNullOrWhiteSpace(Model)) return ValidationResult.Error("--model <file.zip> is required: where to save the trained model.");
            if (ImageSize is < 8 or > 1024) return ValidationResult.Error("--image-size must be between 8 and 1024 pixels.");
            if (TrainLimit < 0) return ValidationResult.Error("--train-limit must be ≥ 0 (0 = the protocol's full size).");
            if (Epochs < 1) return ValidationResult.Error("--epochs must be ≥ 1.");
            if (BatchSize < 2) return ValidationResult.Error("--batch-size must be ≥ 2.");
            if (LearningRate is <= 0 || double.IsNaN(LearningRate ?? 1) || !(HeadLearningRate > 0)) return ValidationResult.Error("Learning rates must be > 0.");
            try { _ = ToOptions(); }
            catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
            return ValidationResult.Success();
        }

        internal DeepSvddTrainer.Options ToOptions() => new()
        {
            FeatureColumnName = ImageSources.PixelColumn,
            Network = Network,
            Regularizer = Regularizer,
            Objective = Objective,
            Representation = Representation,
            UseBias = !NoBias,
            InputResolution = InputResolution,
            FreezeThrough = FreezeThrough,
            Epochs = Epochs,
            LearningRate = LearningRate,
            HeadLearningRate = HeadLearningRate,
            BatchSize = BatchSize,
            Seed = Seed,
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        Train(settings, line => AnsiConsole.WriteLine(line));
        return ExitCodes.Success;
    }

    /// <summary>Trains and saves; returns the fitted model.</summary>
    internal static ITransformer Train(Settings settings, Action<string> write)
    {
        string modelPath = OutputPath.CheckFile(settings.Model, "--model"); // before any training
        DataInputCheck.CheckNotInput(settings.Model, "--model", settings); // never replace an image or a CIFAR-10 file it reads
        var ml = new MLContext(settings.Seed);
        var progress = new TrainingProgress(write); // its clock starts here: the ETA counts data loading in
        var options = settings.ToOptions();
        options.Progress = progress;
        IDataView train;
        IEstimator<ITransformer> pipeline;
        if (settings.Images is { } folder)
        {
            train = ImageSources.Folder(folder, anomalyFolder: null, settings.Strict, write);
            pipeline = ImageSources.ImagePipeline(ml, settings.ImageSize).Append(ml.AnomalyDetection.Trainers.DeepSvdd(options));
            write($"Training on the images of {Path.GetFullPath(folder)} ({train.GetRowCount()} images, {settings.ImageSize}×{settings.ImageSize}).");
        }
        else
        {
            var splits = ImageSources.Cifar(settings, settings.TrainLimit);
            train = splits.Train.Data;
            options.ValidationSet = splits.Validation.Data;
            options.ValidationLabelColumnName = ProtocolColumns.Label;
            pipeline = ml.AnomalyDetection.Trainers.DeepSvdd(options);
            write(splits.ToString());
        }
        var model = pipeline.Fit(train);
        var detector = ml.Model.GetDeepSvdd(model);
        write(detector.Report.ToString());
        AtomicFile.Write(modelPath, stream => ml.Model.Save(model, train.Schema, stream));
        write($"Saved {modelPath} ({new FileInfo(modelPath).Length / 1_048_576.0:F1} MB).");
        return model;
    }
}
