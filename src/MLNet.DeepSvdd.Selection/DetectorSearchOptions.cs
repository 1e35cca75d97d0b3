namespace MLNet.DeepSvdd.Selection;

public sealed partial class DetectorSearch
{
    /// <summary>What to search, on which data, with which strategy and budget. Only <see cref="ValidationSet"/> is required.</summary>
    public sealed class Options
    {
        /// <summary>The input column every candidate reads: a known-size Single vector (pixels with an image shape, or plain features). Default "Features".</summary>
        public string FeatureColumnName { get; set; } = Defaults.FeatureColumnName;

        /// <summary>
        /// Labeled rows to choose by (required): the same feature column plus <see cref="LabelColumnName"/>, with normal rows and anomalies.
        /// Every trial is judged by its ROC AUC on these rows; Deep SVDD trials also keep their best epoch on them.
        /// </summary>
        public IDataView? ValidationSet { get; set; }

        /// <summary>
        /// Optional held-out labeled rows, scored by the selected model only (so its test AUC was not used to choose). Default null.
        /// </summary>
        public IDataView? TestSet { get; set; }

        /// <summary>
        /// The label column of the validation and test sets: Single (&gt; 0 = anomaly, 0 = normal) or Boolean (true = anomaly). Default "Label".
        /// A negative, NaN or infinite Single label is refused (it fits neither reading; labels in the −1 = anomaly, +1 = normal convention
        /// must be mapped first). Feature values of the training, validation and test rows must be finite: the search refuses a NaN or ±∞
        /// before the first trial, naming the row.
        /// </summary>
        public string LabelColumnName { get; set; } = Defaults.LabelColumnName;

        /// <summary>
        /// The candidates. Default null: <see cref="SearchSpace.ForImages"/> when the feature column has an image shape [C, H, W] (as
        /// ExtractPixels writes), otherwise <see cref="SearchSpace.ForVectors"/>.
        /// </summary>
        public SearchSpace? SearchSpace { get; set; }

        /// <summary>How the budget is spent. Default <see cref="SearchStrategy.SuccessiveHalving"/>.</summary>
        public SearchStrategy Strategy { get; set; } = Defaults.Strategy;

        /// <summary>At most this many trials (every round of successive halving counts), ≥ 1. Default null: as many as the strategy plans.</summary>
        public int? MaxTrials { get; set; }

        /// <summary>
        /// Wall-clock budget of the trials. When it ends, the running trial is stopped (recorded as <see cref="TrialVerdict.StoppedByBudget"/>)
        /// and the best trial so far is selected; the test scoring comes after it. Default null: no time limit.
        /// </summary>
        public TimeSpan? TimeBudget { get; set; }

        /// <summary>Seeds the candidate order of random search and the training of every trial (all trials use the same seed, so they differ
        /// only in their settings). Default null: drawn from the MLContext's seed.</summary>
        public int? Seed { get; set; }

        /// <summary>Successive halving: epochs of the first round, ≥ 1. Default 1.</summary>
        public int MinEpochs { get; set; } = Defaults.MinEpochs;

        /// <summary>Successive halving: η ≥ 2, the factor by which each round cuts the candidates and multiplies the epochs. Default 3.</summary>
        public int HalvingRate { get; set; } = Defaults.HalvingRate;

        /// <summary>Receives a <see cref="SearchProgress"/> (trial, best so far, elapsed, estimated remaining time) after every trial. Default null.</summary>
        public IProgress<SearchProgress>? Progress { get; set; }

        internal void Validate()
        {
            if (string.IsNullOrWhiteSpace(FeatureColumnName))
                throw new ArgumentException("FeatureColumnName must name the input column.", nameof(FeatureColumnName));
            if (string.IsNullOrWhiteSpace(LabelColumnName))
                throw new ArgumentException("LabelColumnName must name the label column of the validation set.", nameof(LabelColumnName));
            if (ValidationSet is null)
                throw new ArgumentException("ValidationSet is required: the search chooses by ROC AUC on labeled validation rows " +
                    $"(the feature column plus '{LabelColumnName}', > 0 or true = anomaly).", nameof(ValidationSet));
            if (SearchSpace is { Candidates.Count: 0 })
                throw new ArgumentException("SearchSpace has no candidates.", nameof(SearchSpace));
            if (!Enum.IsDefined(Strategy))
                throw new ArgumentOutOfRangeException(nameof(Strategy), Strategy, "Strategy must be Grid, Random or SuccessiveHalving.");
            if (MaxTrials is < 1) throw new ArgumentOutOfRangeException(nameof(MaxTrials), MaxTrials, "MaxTrials must be at least 1 (or null for no limit).");
            if (TimeBudget is { } budget && budget <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(TimeBudget), TimeBudget, "TimeBudget must be positive (or null for no limit).");
            if (MinEpochs < 1) throw new ArgumentOutOfRangeException(nameof(MinEpochs), MinEpochs, "MinEpochs must be at least 1.");
            if (HalvingRate < 2) throw new ArgumentOutOfRangeException(nameof(HalvingRate), HalvingRate, "HalvingRate (η) must be at least 2.");
        }

        internal Options Clone() => (Options)MemberwiseClone();
    }

    /// <summary>The defaults of <see cref="Options"/> and of <see cref="SearchSpace"/>'s factories, which the CLI's tune command uses too.</summary>
    internal static class Defaults
    {
        /// <summary>The feature column: the detectors' ("Features").</summary>
        public const string FeatureColumnName = DetectorDefaults.FeatureColumnName;

        /// <summary>The label column of the validation and test sets: "Label".</summary>
        public const string LabelColumnName = "Label";

        /// <summary>How the budget is spent: successive halving.</summary>
        public const SearchStrategy Strategy = SearchStrategy.SuccessiveHalving;

        /// <summary>Successive halving: epochs of the first round, 1.</summary>
        public const int MinEpochs = 1;

        /// <summary>Successive halving: η, the factor by which each round cuts the candidates and multiplies the epochs, 3.</summary>
        public const int HalvingRate = 3;

        /// <summary>Full training epochs of the deep candidates of <see cref="SearchSpace.ForVectors"/>: the trainer's default (30).</summary>
        public const int VectorEpochs = DeepSvddTrainer.Defaults.Epochs;

        /// <summary>Full training epochs of the deep candidates of <see cref="SearchSpace.ForImages"/>: 10, sized for a CPU.</summary>
        public const int ImageEpochs = 10;

        /// <summary>
        /// The side images are resized to inside the ResNet-18 in <see cref="SearchSpace.ForImages"/>: 128 px (224, the network's native
        /// size, costs about three times as much on a CPU).
        /// </summary>
        public const int ImageInputResolution = 128;

        /// <summary>Training epochs of the paper's settings (section V-B): 30, which is also the trainer's default.</summary>
        public const int PaperEpochs = DeepSvddTrainer.Defaults.Epochs;

        /// <summary>
        /// The paper's learning rate of the network (section V-B), 1e-4 — written as the float literal 1e-4f since the search space was
        /// introduced, so as a double it is 9.999999747378752e-5, not the trainer's <see cref="DeepSvddTrainer.Defaults.LearningRate"/>
        /// (training converts both to the same float).
        /// </summary>
        public const float PaperLearningRate = 1e-4f;

        /// <summary>
        /// The paper's learning rate of the projection head (section V-B), 1e-3 — the float literal 1e-3f, as a double 1.0000000474974513e-3,
        /// not the trainer's <see cref="DeepSvddTrainer.Defaults.HeadLearningRate"/> (training converts both to the same float).
        /// </summary>
        public const float PaperHeadLearningRate = 1e-3f;

        /// <summary>ν of the one-class SVM candidates: the trainer's default (0.1).</summary>
        public const double SvmNu = OneClassSvmTrainer.Defaults.Nu;
    }
}
