namespace MLNet.DeepSvdd.Baselines.Geo;

public sealed partial class GeoTrainer
{
    /// <summary>
    /// Options of <see cref="GeoTrainer"/>. Defaults follow Golan &amp; El-Yaniv (2018) and their code (72 transformations, shift of a
    /// quarter of the side, Adam, batch 128, ⌈200/72⌉ = 3 epochs over the transformed set), with the classifier on the ImageNet-pretrained
    /// ResNet-18 as in Chong et al. (2020, section V-B) instead of a Wide ResNet trained from scratch.
    /// </summary>
    /// <remarks>The feature column (<see cref="DetectorOptions.FeatureColumnName"/>) holds square images as a known-size vector of Single
    /// ([C, H, W], as ExtractPixels produces).</remarks>
    public sealed class Options : DetectorOptions
    {
        /// <summary>
        /// [C, H, W] of a flat feature column (one without image dimensions). Default null: taken from the column's dimensions.
        /// H must equal W (the transformations include rotations by 90°).
        /// </summary>
        public int[]? ImageShape { get; set; }

        /// <summary>
        /// The classifier's backbone. Default <see cref="DeepSvddNetwork.Auto"/>: the pretrained ResNet-18 for 3-channel images (ResNet18.onnx
        /// of the package Microsoft.ML.DnnImageFeaturizer.ResNet18, a dependency of MLNet.DeepSvdd; Fit fails when it is not found), LeNet
        /// for other images. Its last layer is the 72-way classification head.
        /// </summary>
        public DeepSvddNetwork Network { get; set; } = Defaults.Network;

        /// <summary>ResNet18.onnx of Microsoft.ML.DnnImageFeaturizer.ResNet18 when it is not found automatically. Default null.</summary>
        public string? PretrainedWeightsPath { get; set; }

        /// <summary>Whether the ResNet stem keeps its 3×3 stride-2 max-pool (Figure 2 of Chong et al. compares both). Default true.</summary>
        public bool UseMaxPool { get; set; } = Defaults.UseMaxPool;

        /// <summary>How pixels are normalised before the network. Default <see cref="InputNormalization.Auto"/> (what the backbone expects).</summary>
        public InputNormalization InputNormalization { get; set; } = Defaults.InputNormalization;

        /// <summary>s: the x- and y-shifts are {0, −s, +s} pixels. Default null: a quarter of the image side (8 for 32×32, as in the paper).</summary>
        public int? Shift { get; set; }

        /// <summary>Passes over all (image, transformation) pairs. Default 3 (Golan &amp; El-Yaniv: ⌈200 / 72⌉).</summary>
        public int Epochs { get; set; } = Defaults.Epochs;

        /// <summary>(image, transformation) pairs per optimizer step. Default 128 (Golan &amp; El-Yaniv).</summary>
        public int BatchSize { get; set; } = Defaults.BatchSize;

        /// <summary>Adam's learning rate. Default null: 1e-4 when fine-tuning the pretrained ResNet-18, else 1e-3 (Adam's default, as GEO uses).</summary>
        public double? LearningRate { get; set; }

        /// <summary>L2 weight decay added to the gradients (as <c>torch.optim.Adam(weight_decay)</c>). Default 5e-4 (GEO's Wide ResNet).</summary>
        public double WeightDecay { get; set; } = Defaults.WeightDecay;

        /// <summary>
        /// The expected fraction of anomalies in the training data, in (0, 0.5]: the threshold is the (1 − contamination) quantile of the
        /// training scores. Default 0.1.
        /// </summary>
        public double Contamination { get; set; } = Defaults.Contamination;

        /// <summary>Random seed (initialisation, shuffling). Default null: drawn from the MLContext's random source.</summary>
        public int? Seed { get; set; }

        /// <summary>Where to train and score. Default <see cref="DeepSvddDevice.Auto"/>: the GPU when the CUDA backend sees one, else the CPU.</summary>
        public DeepSvddDevice Device { get; set; } = Defaults.Device;

        /// <summary>Rows per batch of <c>Transform</c>; each row is scored through all 72 transformations. Default 32.</summary>
        public int ScoringBatchSize { get; set; } = Defaults.ScoringBatchSize;

        private protected override void CopyMutableMembers() => ImageShape = ImageShape?.ToArray();

        private protected override void ValidateOptions()
        {
            if (Shift is { } s) OptionChecks.AtLeast(s, 1, nameof(Shift), "pixels, or null for a quarter of the side");
            OptionChecks.AtLeast(Epochs, 1, nameof(Epochs));
            OptionChecks.AtLeast(BatchSize, 2, nameof(BatchSize), "BatchNorm needs two rows");
            if (LearningRate is { } lr) OptionChecks.Positive(lr, nameof(LearningRate));
            OptionChecks.NonNegative(WeightDecay, nameof(WeightDecay));
            OptionChecks.InRange(Contamination, 0, 0.5, nameof(Contamination));
            OptionChecks.AtLeast(ScoringBatchSize, 1, nameof(ScoringBatchSize));
            OptionChecks.Defined(Network, nameof(Network));
            OptionChecks.Defined(Device, nameof(Device));
            OptionChecks.Defined(InputNormalization, nameof(InputNormalization));
            if (Network == DeepSvddNetwork.Mlp) OptionChecks.Fail(nameof(Network), "must be an image network (Auto, LeNet, ResNet18 or ResNet18Pretrained)", Network);
        }
    }

    /// <summary>The defaults of <see cref="Options"/>, which the catalog methods use too.</summary>
    internal static class Defaults
    {
        public const int Epochs = 3;
        public const int BatchSize = 128;
        public const double WeightDecay = 5e-4;
        public const double Contamination = DetectorDefaults.Contamination;
        public const int ScoringBatchSize = 32;
        public const DeepSvddNetwork Network = DeepSvddNetwork.Auto;
        public const bool UseMaxPool = true;
        public const InputNormalization InputNormalization = MLNet.DeepSvdd.InputNormalization.Auto;
        public const DeepSvddDevice Device = DeepSvddDevice.Auto;

        /// <summary>Adam's learning rate when fine-tuning the pretrained ResNet-18 and <see cref="Options.LearningRate"/> is null: 1e-4.</summary>
        public const double FineTuningLearningRate = 1e-4;

        /// <summary>
        /// Adam's learning rate of other backbones when <see cref="Options.LearningRate"/> is null: 1e-3 (Adam's default, as GEO uses).
        /// </summary>
        public const double LearningRate = 1e-3;
    }
}
