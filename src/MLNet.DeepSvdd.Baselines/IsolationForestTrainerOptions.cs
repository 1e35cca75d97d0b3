namespace MLNet.DeepSvdd.Baselines;

public sealed partial class IsolationForestTrainer
{
    /// <summary>
    /// Options of <see cref="IsolationForestTrainer"/>. Defaults follow the paper (Liu, Ting &amp; Zhou 2008, section 5) and
    /// scikit-learn's <c>IsolationForest</c>, except <see cref="Contamination"/> (see there).
    /// </summary>
    public sealed class Options : DetectorOptions
    {
        /// <summary>t ≥ 1: the number of isolation trees. Default 100, as in the paper and scikit-learn.</summary>
        public int NumberOfTrees { get; set; } = Defaults.NumberOfTrees;

        /// <summary>
        /// ψ ≥ 2: the number of rows each tree is grown on, drawn without replacement; capped at the number of training rows.
        /// Default 256, as in the paper and scikit-learn (<c>max_samples="auto"</c>).
        /// </summary>
        public int SampleSize { get; set; } = Defaults.SampleSize;

        /// <summary>
        /// The height limit of a tree, ≥ 1. Default null: ⌈log₂ ψ⌉, the average tree height (the paper; scikit-learn), where ψ is the
        /// effective <see cref="SampleSize"/>.
        /// </summary>
        public int? MaxDepth { get; set; }

        /// <summary>
        /// The expected fraction of anomalies in the training data, in (0, 0.5]: the <see cref="DetectorTransformer.Threshold"/> is
        /// the (1 − contamination) quantile of the training scores, so about that fraction of the training rows is predicted anomalous.
        /// Default 0.1 (scikit-learn's default is "auto"). null: scikit-learn's "auto", the fixed threshold 0.5 of the paper
        /// (s &gt; 0.5 means a path shorter than average).
        /// </summary>
        public double? Contamination { get; set; } = Defaults.Contamination;

        /// <summary>Random seed of the sub-samples and splits. Default null: drawn from the MLContext's random source (deterministic for a seeded MLContext).</summary>
        public int? Seed { get; set; }

        /// <summary>How many threads grow trees and score the training rows; null (default) uses all cores. The result does not depend on it.</summary>
        public int? NumberOfThreads { get; set; }

        private protected override void ValidateOptions()
        {
            OptionChecks.AtLeast(NumberOfTrees, 1, nameof(NumberOfTrees));
            OptionChecks.AtLeast(SampleSize, 2, nameof(SampleSize));
            if (MaxDepth is { } depth) OptionChecks.AtLeast(depth, 1, nameof(MaxDepth));
            if (Contamination is { } c) OptionChecks.InRange(c, 0, 0.5, nameof(Contamination));
            if (NumberOfThreads is { } threads) OptionChecks.AtLeast(threads, 1, nameof(NumberOfThreads));
        }
    }

    /// <summary>The defaults of <see cref="Options"/>, which the catalog methods use too.</summary>
    internal static class Defaults
    {
        public const int NumberOfTrees = 100;
        public const int SampleSize = 256;
        public const double Contamination = DetectorDefaults.Contamination;
    }
}
