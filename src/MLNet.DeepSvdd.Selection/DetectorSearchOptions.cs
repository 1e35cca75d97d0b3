namespace MLNet.DeepSvdd.Selection;

public sealed partial class DetectorSearch
{
    /// <summary>What to search, on which data, with which strategy and budget. Only <see cref="ValidationSet"/> is required.</summary>
    public sealed class Options
    {
        /// <summary>The input column every candidate reads: a known-size Single vector (pixels with an image shape, or plain features). Default "Features".</summary>
        public string FeatureColumnName { get; set; } = "Features";

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
        public string LabelColumnName { get; set; } = "Label";

        /// <summary>
        /// The candidates. Default null: <see cref="SearchSpace.ForImages"/> when the feature column has an image shape [C, H, W] (as
        /// ExtractPixels writes), otherwise <see cref="SearchSpace.ForVectors"/>.
        /// </summary>
        public SearchSpace? SearchSpace { get; set; }

        /// <summary>How the budget is spent. Default <see cref="SearchStrategy.SuccessiveHalving"/>.</summary>
        public SearchStrategy Strategy { get; set; } = SearchStrategy.SuccessiveHalving;

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
        public int MinEpochs { get; set; } = 1;

        /// <summary>Successive halving: η ≥ 2, the factor by which each round cuts the candidates and multiplies the epochs. Default 3.</summary>
        public int HalvingRate { get; set; } = 3;

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
}
