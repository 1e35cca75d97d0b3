namespace MLNet.DeepSvdd;

public sealed partial class DeepSvddTrainer
{
    /// <summary>
    /// Options of <see cref="DeepSvddTrainer"/>. Defaults follow the paper (Chong et al. 2020, section V-B) unless a remark says otherwise.
    /// </summary>
    public sealed class Options : DetectorOptions
    {
        /// <summary>
        /// Optional label column for semi-supervised training (eq. 3), of type <see cref="float"/> with ML.NET's anomaly convention:
        /// a value &gt; 0 is a labeled anomaly, 0 a labeled normal row, and NaN an unlabeled row. <see cref="bool"/> is accepted too
        /// (true = anomaly, every row labeled). Default null: unsupervised.
        /// </summary>
        public string? LabelColumnName { get; set; }

        /// <summary>The objective: <see cref="DeepSvddObjective.OneClass"/> (default) or <see cref="DeepSvddObjective.SoftBoundary"/>.</summary>
        public DeepSvddObjective Objective { get; set; } = Defaults.Objective;

        /// <summary>
        /// Which representation the hypersphere is fitted to: one point per image, one per spatial position of the backbone's feature maps
        /// (patch-level Deep SVDD, which finds small local defects and gives an anomaly map), or both. Default
        /// <see cref="DeepSvddRepresentation.Auto"/>: see there. Patches need a ResNet.
        /// </summary>
        public DeepSvddRepresentation Representation { get; set; } = Defaults.Representation;

        /// <summary>
        /// How a patch-level anomaly map becomes the image's score (<see cref="DeepSvddRepresentation.Patches"/>). Default
        /// <see cref="PatchScoreReduction.TopMean"/>.
        /// </summary>
        public PatchScoreReduction PatchScoreReduction { get; set; } = Defaults.PatchScoreReduction;

        /// <summary>
        /// The fraction of the map's positions that <see cref="PatchScoreReduction.TopMean"/> averages, in (0, 1] (at least one position).
        /// Default 0.04 (10 of the 256 positions of a 128 px image).
        /// </summary>
        public double PatchTopFraction { get; set; } = Defaults.PatchTopFraction;

        /// <summary>
        /// ν ∈ (0, 1]: the expected fraction of outliers. In soft-boundary mode it sets the radius as the (1 − ν) quantile of the distances
        /// (eq. 1); in one-class mode it sets the decision threshold as the (1 − ν) quantile of the training scores. Default 0.1
        /// (the paper uses 0.1 for WikiArt and 0.2 for VOC2012).
        /// </summary>
        public double Nu { get; set; } = Defaults.Nu;

        /// <summary>η &gt; 0: the weight of the labeled rows in the semi-supervised objective (eq. 3). Default 1.0, as in the paper.</summary>
        public double Eta { get; set; } = Defaults.Eta;

        /// <summary>
        /// The regularizer against hypersphere collapse. Default <see cref="CollapseRegularizer.NoiseInjection"/>: with
        /// <see cref="UseBias"/> = true this is the paper's proposed "D. SVDD w/ bias &amp; noise reg.".
        /// </summary>
        public CollapseRegularizer Regularizer { get; set; } = Defaults.Regularizer;

        /// <summary>
        /// k ≥ 1: the number of outputs of the noise-injection head (eq. 4). The paper picks k from {5, 30, …, 200} by validation AUC;
        /// default 64.
        /// </summary>
        public int NoiseHeads { get; set; } = Defaults.NoiseHeads;

        /// <summary>d₀ &gt; 0: the initial variance threshold of the variance hinge (eq. 5). Default 0.1, as in the paper.</summary>
        public double VarianceThreshold { get; set; } = Defaults.VarianceThreshold;

        /// <summary>r ≥ 1: the variance threshold is divided by 10 every r epochs. Default 3, as in the paper.</summary>
        public int VarianceAnnealEpochs { get; set; } = Defaults.VarianceAnnealEpochs;

        /// <summary>How the regularizer is weighted (eq. 6–7). Default <see cref="RegularizerWeighting.Adaptive"/>, as in the paper.</summary>
        public RegularizerWeighting Weighting { get; set; } = Defaults.Weighting;

        /// <summary>α ∈ [0, 1] of the adaptive weight (eq. 7): how much of c_{t−1} is kept. Default 0.9, as in the paper.</summary>
        public double Alpha { get; set; } = Defaults.Alpha;

        /// <summary>β ∈ [0, 1] of the adaptive weight (eq. 7): the target ratio of the weighted regularizer to the SVDD loss. Default 0.5.</summary>
        public double Beta { get; set; } = Defaults.Beta;

        /// <summary>The network φ. Default <see cref="DeepSvddNetwork.Auto"/>.</summary>
        public DeepSvddNetwork Network { get; set; } = Defaults.Network;

        /// <summary>
        /// Whether every layer has a bias and every BatchNorm an affine shift. false is the standard, collapse-safe Deep SVDD of
        /// Ruff et al.; true is the paper's "w/ bias" variant, which needs a <see cref="Regularizer"/> to stay clear of collapse.
        /// Default true (the paper's proposed variant, together with the default noise-injection regularizer).
        /// </summary>
        public bool UseBias { get; set; } = Defaults.UseBias;

        /// <summary>
        /// p ≥ 1: the dimension of the representation φ(x). Default null: 128 for <see cref="DeepSvddNetwork.LeNet"/> (as in Deep SVDD
        /// for CIFAR-10) and the ResNets, 32 for <see cref="DeepSvddNetwork.Mlp"/> (the trainer's internal <c>Defaults</c>).
        /// </summary>
        public int? RepresentationDimension { get; set; }

        /// <summary>
        /// Whether the ResNet stem keeps its 3×3 stride-2 max-pooling layer (the paper's Figure 2 compares both). Default true, as in the
        /// paper's main experiments. Only used by the ResNet networks.
        /// </summary>
        public bool UseMaxPool { get; set; } = Defaults.UseMaxPool;

        /// <summary>
        /// Pretrained weights. <see cref="DeepSvddNetwork.ResNet18"/>: a PyTorch state dict (<c>torch.save(model.state_dict())</c>, .pt/.pth)
        /// or a .safetensors file of a torchvision ResNet-18 (its <c>fc</c> layer is ignored); null = random initialisation.
        /// <see cref="DeepSvddNetwork.ResNet18Pretrained"/>: the ResNet18.onnx file of the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18;
        /// null = found in the application folder or the NuGet package cache. Default null.
        /// </summary>
        public string? PretrainedWeightsPath { get; set; }

        /// <summary>
        /// The side, in pixels, that images are resized to inside the network's input stage (bilinear; antialiased when shrinking), so a
        /// pipeline keeps <c>ExtractPixels</c> at its images' own size and the model applies the resize on every scoring path (it is saved
        /// with the model). Default null: <see cref="DefaultPretrainedResolution"/> px for <see cref="DeepSvddNetwork.ResNet18Pretrained"/>
        /// when the images are smaller (an ImageNet network sees little in a 32×32 image: after its stem's stride of 4 it is 8×8), the
        /// images' own size otherwise. Images only; ≥ 16 for the ResNets, ≥ 8 for LeNet. (Not in the paper, which does not say at what
        /// size it fed CIFAR-10 to the ImageNet network; PANDA, Reiss et al. 2021, uses 224.)
        /// </summary>
        public int? InputResolution { get; set; }

        /// <summary>
        /// Fine-tuning depth: the leading stages of a ResNet that stay frozen — run without gradient, left out of the optimizer (no weight
        /// decay), BatchNorm statistics fixed — so training adapts only the later stages and the projection. Their outputs for the training
        /// and validation images are computed once when they fit <see cref="FrozenActivationCacheMegabytes"/>. Default null:
        /// <see cref="DefaultPretrainedFreezeThrough"/> (<see cref="BackboneStage.Layer3"/>: only layer4 and the projection train) for
        /// pretrained backbones (<see cref="DeepSvddNetwork.ResNet18Pretrained"/>, or <see cref="DeepSvddNetwork.ResNet18"/> with
        /// <see cref="PretrainedWeightsPath"/>), one stage deeper than PANDA's layer2 (Reiss et al. 2021) because it measured better on a
        /// CPU-sized training set and trains fewer layers (docs/images-and-fine-tuning.md, "Detection quality");
        /// <see cref="BackboneStage.None"/> otherwise. The paper fine-tunes every layer (<see cref="BackboneStage.None"/>). ResNets only.
        /// </summary>
        public BackboneStage? FreezeThrough { get; set; }

        /// <summary>
        /// Whether BatchNorm layers keep the statistics they start with (evaluation mode during training) instead of re-estimating them on
        /// each minibatch of normal data, which erases what a pretrained backbone learned within an epoch. Their scale and shift are still
        /// trained in unfrozen stages. Default null: true for pretrained backbones, false otherwise (the paper's setting).
        /// </summary>
        public bool? FreezeBatchNorm { get; set; }

        /// <summary>
        /// Memory budget, in MB, for keeping the outputs of the frozen stages (<see cref="FreezeThrough"/>) of every training and validation
        /// image on the training device, so each epoch runs only the trained stages. Above the budget the frozen stages are recomputed,
        /// without gradient, for every minibatch. 0 disables the cache. Default 2048.
        /// </summary>
        public int FrozenActivationCacheMegabytes { get; set; } = Defaults.FrozenActivationCacheMegabytes;

        /// <summary>Widths of the hidden layers of <see cref="DeepSvddNetwork.Mlp"/>, each ≥ 1. Default [128, 64].</summary>
        public int[] HiddenLayers { get; set; } = Defaults.HiddenLayers;

        /// <summary>
        /// The image shape [C, H, W] of a plain feature vector (C·H·W must equal its size). Default null: taken from the column's vector
        /// dimensions when they are [C, H, W] (as ML.NET's ExtractPixels produces), otherwise the input is a plain vector.
        /// </summary>
        public int[]? ImageShape { get; set; }

        /// <summary>How the input is normalised before the network. Default <see cref="InputNormalization.Auto"/> (standardise).</summary>
        public InputNormalization InputNormalization { get; set; } = Defaults.InputNormalization;

        /// <summary>Number of passes over the training data, ≥ 1. Default 30, the paper's maximum.</summary>
        public int Epochs { get; set; } = Defaults.Epochs;

        /// <summary>Minibatch size, ≥ 2 (BatchNorm and the variance hinge need two rows). Default 50, as in the paper.</summary>
        public int BatchSize { get; set; } = Defaults.BatchSize;

        /// <summary>
        /// Adam learning rate of the network φ, &gt; 0. Default null: <see cref="DefaultLearningRate"/> (1e-4, the paper's) for networks trained
        /// from scratch, <see cref="DefaultFineTuningLearningRate"/> (1e-5) for pretrained backbones: at 1e-4 the validation AUC of a fine-tuned
        /// ImageNet ResNet-18 peaks after the first epoch and erodes in the next ones, at 1e-5 it keeps rising (measured; see
        /// docs/images-and-fine-tuning.md).
        /// </summary>
        public double? LearningRate { get; set; }

        /// <summary>Adam learning rate of the noise-injection head g, &gt; 0. Default 1e-3, as in the paper.</summary>
        public double HeadLearningRate { get; set; } = Defaults.HeadLearningRate;

        /// <summary>λ ≥ 0: Adam's L2 weight decay on every parameter (the λ/2·Σ‖W‖² term of eq. 1–2). Default 5e-4, as in the paper.</summary>
        public double WeightDecay { get; set; } = Defaults.WeightDecay;

        /// <summary>
        /// Epochs before the soft-boundary radius starts being updated (it is 0 until then), ≥ 0. Default 10, as in Ruff et al.'s
        /// implementation. Only used by <see cref="DeepSvddObjective.SoftBoundary"/>.
        /// </summary>
        public int RadiusWarmUpEpochs { get; set; } = Defaults.RadiusWarmUpEpochs;

        /// <summary>
        /// ε ≥ 0 of the centre rule of Ruff et al.: entries of the initial mean representation with |c_j| &lt; ε are pushed to ±ε
        /// (to +ε when exactly 0), so that the trivial all-zero-weights solution cannot reach c. Default 0.1.
        /// </summary>
        public double CenterEpsilon { get; set; } = Defaults.CenterEpsilon;

        /// <summary>
        /// Random seed for weight initialisation, shuffling and the noise labels. Default null: drawn from the <see cref="MLContext"/>'s
        /// random source, so <c>new MLContext(seed: 1)</c> makes training reproducible.
        /// </summary>
        public int? Seed { get; set; }

        /// <summary>
        /// Optional validation data with a label column (<see cref="ValidationLabelColumnName"/>). When set, the ROC AUC on it is computed after
        /// every epoch and the epoch with the best AUC is kept, as in the paper. Default null: the last epoch is kept.
        /// It is scored as it is: in a pipeline, give it the columns the trainer sees, i.e. transformed by the steps before the trainer
        /// (for example <c>prefix.Fit(train).Transform(validation)</c>), or its features will not match the training features.
        /// </summary>
        public IDataView? ValidationSet { get; set; }

        /// <summary>
        /// The label column of <see cref="ValidationSet"/> (<see cref="float"/>, &gt; 0 = anomaly; or <see cref="bool"/>). Default null:
        /// <see cref="LabelColumnName"/> when set, else "Label".
        /// </summary>
        public string? ValidationLabelColumnName { get; set; }

        /// <summary>
        /// Optional listener for training progress: called after each epoch, in order, on the training thread, with the epoch's
        /// <see cref="EpochReport"/> (the same object that ends up in <see cref="TrainingReport.Epochs"/>, its
        /// <see cref="EpochReport.ValidationAuc"/> included when a <see cref="ValidationSet"/> is given) and the total number of epochs;
        /// epoch 0 (the network before training) comes first, so a fit reports <see cref="Epochs"/> + 1 times. An exception it throws
        /// stops the fit. <see cref="System.Progress{T}"/> runs its handler asynchronously (on the captured synchronization context or
        /// the thread pool): use a synchronous <see cref="IProgress{T}"/> when the calls must arrive in order before <c>Fit</c> returns.
        /// Default null. Not saved with the model; copies of the options (the trainer's <c>TrainerOptions</c>) share the listener.
        /// </summary>
        public IProgress<EpochProgress>? Progress { get; set; }

        /// <summary>Where to train and score. Default <see cref="DeepSvddDevice.Auto"/>.</summary>
        public DeepSvddDevice Device { get; set; } = Defaults.Device;

        /// <summary>
        /// Relative tolerance of the collapse check: the model counts as collapsed when the mean per-dimension variance of the training
        /// features, divided by the mean squared entry of the centre, is below this value (or all training scores are equal).
        /// Default 1e-6.
        /// </summary>
        public double CollapseTolerance { get; set; } = Defaults.CollapseTolerance;

        /// <summary>
        /// Whether <c>DeepSvddTrainer.Fit</c> throws a <see cref="HypersphereCollapseException"/> when the model it would
        /// return is collapsed. Default true: a collapsed detector (all scores equal) must never pass silently. When false, the collapse is
        /// logged as a warning and reported in <see cref="DeepSvddTransformer.Report"/>.
        /// </summary>
        public bool ThrowOnCollapse { get; set; } = Defaults.ThrowOnCollapse;

        /// <summary>
        /// Whether <c>DeepSvddTrainer.Fit</c> throws a <see cref="TrainingDivergedException"/> when training diverges (a loss becomes NaN or
        /// infinite, or grows far beyond its value before training). Default true. When false, training stops at the diverged epoch and the model
        /// keeps the best validation epoch before it, with a warning and <see cref="TrainingReport.Divergence"/> saying when and why, as the
        /// paper reports its runs at too-high learning rates (Table V); this needs a <see cref="ValidationSet"/> to choose that epoch.
        /// </summary>
        public bool ThrowOnDivergence { get; set; } = Defaults.ThrowOnDivergence;

        /// <summary>
        /// Rows per forward pass when scoring (batched <c>Transform</c>, centre initialisation, validation), ≥ 1. Default 256. On the CPU a batch
        /// is capped at 2²¹ input values (13 images at 224 px): larger batches of large images are slower there (measured).
        /// </summary>
        public int ScoringBatchSize { get; set; } = Defaults.ScoringBatchSize;

        /// <summary>The learning rate of networks trained from scratch: 1e-4, the paper's (section V-B).</summary>
        public const double DefaultLearningRate = Defaults.LearningRate;

        /// <summary>The learning rate of pretrained backbones (<see cref="FreezeThrough"/>'s sense of "pretrained"): 1e-5.</summary>
        public const double DefaultFineTuningLearningRate = Defaults.FineTuningLearningRate;

        /// <summary>
        /// The fine-tuning depth that <see cref="FreezeThrough"/> = null gives pretrained backbones: <see cref="BackboneStage.Layer3"/>, so only
        /// layer4 and the projection are trained (measured against <see cref="BackboneStage.Layer2"/> on classes and a seed the reproduce
        /// profiles do not use; see docs/images-and-fine-tuning.md, "Detection quality").
        /// </summary>
        public const BackboneStage DefaultPretrainedFreezeThrough = Defaults.PretrainedFreezeThrough;

        /// <summary>
        /// What <see cref="Representation"/> = <see cref="DeepSvddRepresentation.Auto"/> gives the ResNets: <see cref="DeepSvddRepresentation.PooledAndPatches"/>,
        /// so that a wrong object and a small local defect are both found and every image model has an anomaly map. With a
        /// <see cref="ValidationSet"/> holding anomalies the branches that score are chosen on it (CIFAR-10 one-vs-all then stays where the
        /// pooled model is); without one both score, which on one-vs-all costs a few points against the pooled branch alone (measured trade-off
        /// in docs/anomaly-maps.md). Set <see cref="DeepSvddRepresentation.Pooled"/> for the paper's model.
        /// </summary>
        public const DeepSvddRepresentation DefaultImageRepresentation = Defaults.ImageRepresentation;

        /// <summary>The input resolution that <see cref="InputResolution"/> = null gives the pretrained ResNet-18 for smaller images: 224 px, its native size.</summary>
        public const int DefaultPretrainedResolution = Defaults.PretrainedResolution;

        /// <summary>Every option's range, in the style every detector shares (<see cref="OptionChecks"/>); the feature column is checked by the base class.</summary>
        private protected override void ValidateOptions()
        {
            OptionChecks.NullOrColumnName(LabelColumnName, nameof(LabelColumnName));
            OptionChecks.Defined(Objective, nameof(Objective));
            OptionChecks.Defined(Representation, nameof(Representation));
            OptionChecks.Defined(PatchScoreReduction, nameof(PatchScoreReduction));
            OptionChecks.InRange(PatchTopFraction, 0, 1, nameof(PatchTopFraction));
            OptionChecks.Defined(Regularizer, nameof(Regularizer));
            OptionChecks.Defined(Weighting, nameof(Weighting));
            OptionChecks.Defined(Network, nameof(Network));
            OptionChecks.Defined(Device, nameof(Device));
            OptionChecks.Defined(InputNormalization, nameof(InputNormalization));
            OptionChecks.InRange(Nu, 0, 1, nameof(Nu));
            OptionChecks.Positive(Eta, nameof(Eta));
            OptionChecks.AtLeast(NoiseHeads, 1, nameof(NoiseHeads));
            OptionChecks.Positive(VarianceThreshold, nameof(VarianceThreshold));
            OptionChecks.AtLeast(VarianceAnnealEpochs, 1, nameof(VarianceAnnealEpochs));
            OptionChecks.InClosedRange(Alpha, 0, 1, nameof(Alpha));
            OptionChecks.InClosedRange(Beta, 0, 1, nameof(Beta));
            if (RepresentationDimension is < 1) OptionChecks.Fail(nameof(RepresentationDimension), "must be null (automatic) or ≥ 1", RepresentationDimension);
            if (HiddenLayers is null || HiddenLayers.Any(w => w < 1))
            {
                OptionChecks.Fail(nameof(HiddenLayers), "must be a list of widths, each ≥ 1",
                    HiddenLayers is null ? "null" : $"[{string.Join(", ", HiddenLayers)}]");
            }
            OptionChecks.AtLeast(Epochs, 1, nameof(Epochs));
            OptionChecks.AtLeast(BatchSize, 2, nameof(BatchSize), "BatchNorm and the minibatch variance need two rows");
            if (LearningRate is { } lr && (!(lr > 0) || double.IsInfinity(lr)))
                OptionChecks.Fail(nameof(LearningRate), "must be null (automatic) or a finite number > 0", lr);
            OptionChecks.Positive(HeadLearningRate, nameof(HeadLearningRate));
            OptionChecks.NonNegative(WeightDecay, nameof(WeightDecay));
            OptionChecks.AtLeast(RadiusWarmUpEpochs, 0, nameof(RadiusWarmUpEpochs));
            OptionChecks.NonNegative(CenterEpsilon, nameof(CenterEpsilon));
            OptionChecks.NonNegative(CollapseTolerance, nameof(CollapseTolerance));
            if (InputResolution is { } r && (r < 8 || r > 4096))
                OptionChecks.Fail(nameof(InputResolution), "must be null (automatic) or a side in pixels from 8 to 4096", r);
            if (FreezeThrough is { } f) OptionChecks.Defined(f, nameof(FreezeThrough));
            OptionChecks.AtLeast(FrozenActivationCacheMegabytes, 0, nameof(FrozenActivationCacheMegabytes), "0 disables the cache");
            OptionChecks.AtLeast(ScoringBatchSize, 1, nameof(ScoringBatchSize));
            if (!ThrowOnDivergence && ValidationSet is null)
            {
                throw new ArgumentException(
                    "ThrowOnDivergence = false keeps the best validation epoch before a divergence, so it needs a ValidationSet to choose it. " +
                    "Set ValidationSet (labeled normal and anomalous rows), or leave ThrowOnDivergence = true.", nameof(ThrowOnDivergence));
            }
            if (LabelColumnName is not null && Objective == DeepSvddObjective.SoftBoundary)
            {
                throw new ArgumentException(
                    $"Semi-supervised training (LabelColumnName = '{LabelColumnName}') is defined for the one-class objective only (eq. 3 of the paper). " +
                    "Set Objective = DeepSvddObjective.OneClass, or LabelColumnName = null for unsupervised soft-boundary training.", nameof(LabelColumnName));
            }
        }
    }

    /// <summary>The defaults of <see cref="Options"/>, which the catalog methods use too.</summary>
    internal static class Defaults
    {
        public const DeepSvddObjective Objective = DeepSvddObjective.OneClass;
        public const DeepSvddRepresentation Representation = DeepSvddRepresentation.Auto;
        public const PatchScoreReduction PatchScoreReduction = MLNet.DeepSvdd.PatchScoreReduction.TopMean;
        public const double PatchTopFraction = 0.04;
        public const double Nu = 0.1;
        public const double Eta = 1.0;
        public const CollapseRegularizer Regularizer = CollapseRegularizer.NoiseInjection;
        public const int NoiseHeads = 64;
        public const double VarianceThreshold = 0.1;
        public const int VarianceAnnealEpochs = 3;
        public const RegularizerWeighting Weighting = RegularizerWeighting.Adaptive;
        public const double Alpha = 0.9;
        public const double Beta = 0.5;
        public const DeepSvddNetwork Network = DeepSvddNetwork.Auto;
        public const bool UseBias = true;
        public const bool UseMaxPool = true;
        public const int FrozenActivationCacheMegabytes = 2048;
        public const InputNormalization InputNormalization = InputNormalization.Auto;
        public const int Epochs = 30;
        public const int BatchSize = 50;
        public const double HeadLearningRate = 1e-3;
        public const double WeightDecay = 5e-4;
        public const int RadiusWarmUpEpochs = 10;
        public const double CenterEpsilon = 0.1;
        public const DeepSvddDevice Device = DeepSvddDevice.Auto;
        public const double CollapseTolerance = 1e-6;
        public const bool ThrowOnCollapse = true;
        public const bool ThrowOnDivergence = true;
        public const int ScoringBatchSize = 256;

        /// <summary>
        /// The learning rate of networks trained from scratch when <see cref="Options.LearningRate"/> is null: 1e-4, the paper's (section V-B).
        /// </summary>
        public const double LearningRate = 1e-4;

        /// <summary>The learning rate of pretrained backbones when <see cref="Options.LearningRate"/> is null: 1e-5.</summary>
        public const double FineTuningLearningRate = 1e-5;

        /// <summary>The frozen stages of a pretrained backbone when <see cref="Options.FreezeThrough"/> is null: through layer3.</summary>
        public const BackboneStage PretrainedFreezeThrough = BackboneStage.Layer3;

        /// <summary>What <see cref="DeepSvddRepresentation.Auto"/> gives the ResNets: the pooled and the patch branches.</summary>
        public const DeepSvddRepresentation ImageRepresentation = DeepSvddRepresentation.PooledAndPatches;

        /// <summary>The side, in pixels, that smaller images are resized to for the pretrained ResNet-18: 224, its native size.</summary>
        public const int PretrainedResolution = 224;

        /// <summary>The representation dimension of the MLP when <see cref="Options.RepresentationDimension"/> is null: 32.</summary>
        public const int MlpRepresentationDimension = 32;

        /// <summary>The representation dimension of LeNet and the ResNets when <see cref="Options.RepresentationDimension"/> is null: 128.</summary>
        public const int ImageRepresentationDimension = 128;

        /// <summary>The hidden-layer widths of the MLP (<see cref="Options.HiddenLayers"/>): [128, 64], a new array on every read.</summary>
        public static int[] HiddenLayers => [128, 64];
    }
}
