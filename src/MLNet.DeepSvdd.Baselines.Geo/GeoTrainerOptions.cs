using MLNet.DeepSvdd;

namespace MLNet.DeepSvdd.Baselines;

public sealed partial class GeoTrainer
{
    /// <summary>
    /// Options of <see cref="GeoTrainer"/>. Defaults follow Golan &amp; El-Yaniv (2018) and their code (72 transformations, shift of a
    /// quarter of the side, Adam, batch 128, ⌈200/72⌉ = 3 epochs over the transformed set), with the classifier on the ImageNet-pretrained
    /// ResNet-18 as in Chong et al. (2020, section V-B) instead of a Wide ResNet trained from scratch.
    /// </summary>
    public sealed class Options
    {
        /// <summary>The input column: square images as a known-size vector of Single ([C, H, W], as ExtractPixels produces). Default "Features".</summary>
        public string FeatureColumnName { get; set; } = "Features";

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
        public DeepSvddNetwork Network { get; set; } = DeepSvddNetwork.Auto;

        /// <summary>ResNet18.onnx of Microsoft.ML.DnnImageFeaturizer.ResNet18 when it is not found automatically. Default null.</summary>
        public string? PretrainedWeightsPath { get; set; }

        /// <summary>Whether the ResNet stem keeps its 3×3 stride-2 max-pool (Figure 2 of Chong et al. compares both). Default true.</summary>
        public bool UseMaxPool { get; set; } = true;

        /// <summary>How pixels are normalised before the network. Default <see cref="InputNormalization.Auto"/> (what the backbone expects).</summary>
        public InputNormalization InputNormalization { get; set; } = InputNormalization.Auto;

        /// <summary>s: the x- and y-shifts are {0, −s, +s} pixels. Default null: a quarter of the image side (8 for 32×32, as in the paper).</summary>
        public int? Shift { get; set; }

        /// <summary>Passes over all (image, transformation) pairs. Default 3 (Golan &amp; El-Yaniv: ⌈200 / 72⌉).</summary>
        public int Epochs { get; set; } = 3;

        /// <summary>(image, transformation) pairs per optimizer step. Default 128 (Golan &amp; El-Yaniv).</summary>
        public int BatchSize { get; set; } = 128;

        /// <summary>Adam's learning rate. Default null: 1e-4 when fine-tuning the pretrained ResNet-18, else 1e-3 (Adam's default, as GEO uses).</summary>
        public double? LearningRate { get; set; }

        /// <summary>L2 weight decay added to the gradients (as <c>torch.optim.Adam(weight_decay)</c>). Default 5e-4 (GEO's Wide ResNet).</summary>
        public double WeightDecay { get; set; } = 5e-4;

        /// <summary>
        /// The expected fraction of anomalies in the training data, in (0, 0.5]: the threshold is the (1 − contamination) quantile of the
        /// training scores. Default 0.1.
        /// </summary>
        public double Contamination { get; set; } = 0.1;

        /// <summary>Random seed (initialisation, shuffling). Default null: drawn from the MLContext's random source.</summary>
        public int? Seed { get; set; }

        /// <summary>Where to train and score. Default <see cref="DeepSvddDevice.Auto"/>: the GPU when the CUDA backend sees one, else the CPU.</summary>
        public DeepSvddDevice Device { get; set; } = DeepSvddDevice.Auto;

        /// <summary>Rows per batch of <c>Transform</c>; each row is scored through all 72 transformations. Default 32.</summary>
        public int ScoringBatchSize { get; set; } = 32;

        internal Options Clone()
        {
            var copy = (Options)MemberwiseClone();
            copy.ImageShape = ImageShape?.ToArray();
            return copy;
        }

        internal void Validate()
        {
            if (string.IsNullOrWhiteSpace(FeatureColumnName)) Fail(nameof(FeatureColumnName), "must name a column", FeatureColumnName);
            if (Shift is { } s && s < 1) Fail(nameof(Shift), "must be ≥ 1 pixel (or null for a quarter of the side)", s);
            if (Epochs < 1) Fail(nameof(Epochs), "must be ≥ 1", Epochs);
            if (BatchSize < 2) Fail(nameof(BatchSize), "must be ≥ 2 (BatchNorm needs two rows)", BatchSize);
            if (LearningRate is { } lr && !(lr > 0 && double.IsFinite(lr))) Fail(nameof(LearningRate), "must be a finite number > 0", lr);
            if (!(WeightDecay >= 0 && double.IsFinite(WeightDecay))) Fail(nameof(WeightDecay), "must be a finite number ≥ 0", WeightDecay);
            if (!(Contamination > 0 && Contamination <= 0.5)) Fail(nameof(Contamination), "must be in (0, 0.5]", Contamination);
            if (ScoringBatchSize < 1) Fail(nameof(ScoringBatchSize), "must be ≥ 1", ScoringBatchSize);
            if (Network == DeepSvddNetwork.Mlp) Fail(nameof(Network), "must be an image network (Auto, LeNet, ResNet18 or ResNet18Pretrained)", Network);
        }

        private static void Fail(string option, string rule, object? value) =>
            throw new ArgumentOutOfRangeException(option, value, $"Option {option} {rule}; got {value ?? "null"}.");
    }
}
