namespace MLNet.DeepSvdd.Baselines;

public sealed partial class OneClassSvmTrainer
{
    /// <summary>
    /// Options of <see cref="OneClassSvmTrainer"/>. Defaults follow LIBSVM and scikit-learn's <c>OneClassSVM</c>, except <see cref="Nu"/>
    /// (see there).
    /// </summary>
    public sealed class Options : DetectorOptions
    {
        /// <summary>
        /// ν ∈ (0, 1]: an upper bound on the fraction of training rows outside the boundary and a lower bound on the fraction of support
        /// vectors (Schölkopf et al. 2001, Proposition 4). Default 0.1, the outlier fraction MLNet.DeepSvdd uses; scikit-learn's default is 0.5.
        /// </summary>
        public double Nu { get; set; } = Defaults.Nu;

        /// <summary>
        /// γ &gt; 0 of the RBF kernel exp(−γ‖x − z‖²). Default null: scikit-learn's "scale", 1 / (d · Var(X)) over all training values.
        /// <see cref="OneClassSvmTrainer.SelectGamma"/> picks it from a grid by validation AUC.
        /// </summary>
        public double? Gamma { get; set; }

        /// <summary>
        /// When <see cref="Gamma"/> is null, γ = GammaScale / (d · Var(X)): a multiple of scikit-learn's "scale" value, so a γ grid can be
        /// given without knowing the features' variance (the paper's OC-SVM grid and <c>DetectorSearch</c> use multiples 1/16 … 16).
        /// Ignored when <see cref="Gamma"/> is set. Default 1.
        /// </summary>
        public double GammaScale { get; set; } = Defaults.GammaScale;

        /// <summary>The stopping tolerance ε on the maximal KKT violation, &gt; 0. Default 1e-3, as LIBSVM and scikit-learn.</summary>
        public double Tolerance { get; set; } = Defaults.Tolerance;

        /// <summary>
        /// The limit on solver iterations, ≥ 1. Default null: LIBSVM's max(10⁷, 100·n). When it is reached the model is returned with
        /// <see cref="OneClassSvmTransformer.Converged"/> = false and a warning in the MLContext log.
        /// </summary>
        public int? MaxIterations { get; set; }

        /// <summary>Whether the solver sets aside variables stuck at a bound (LIBSVM's shrinking heuristic). Default true, as LIBSVM and scikit-learn.</summary>
        public bool Shrinking { get; set; } = true;

        /// <summary>Memory for cached kernel rows, in MB, ≥ 1 (at least two rows are always kept). Default 200, as scikit-learn.</summary>
        public int CacheSizeMb { get; set; } = Defaults.CacheSizeMb;

        /// <summary>How many threads compute kernel rows and scores; null (default) uses all cores. The result does not depend on it.</summary>
        public int? NumberOfThreads { get; set; }

        private protected override void ValidateOptions()
        {
            OptionChecks.InRange(Nu, 0, 1, nameof(Nu));
            if (Gamma is { } gamma) OptionChecks.Positive(gamma, nameof(Gamma));
            OptionChecks.Positive(GammaScale, nameof(GammaScale));
            OptionChecks.Positive(Tolerance, nameof(Tolerance));
            if (MaxIterations is { } iterations) OptionChecks.AtLeast(iterations, 1, nameof(MaxIterations));
            OptionChecks.AtLeast(CacheSizeMb, 1, nameof(CacheSizeMb));
            if (NumberOfThreads is { } threads) OptionChecks.AtLeast(threads, 1, nameof(NumberOfThreads));
        }
    }

    /// <summary>The defaults of <see cref="Options"/>, which the catalog methods use too.</summary>
    internal static class Defaults
    {
        public const double Nu = 0.1;
        public const double GammaScale = 1;
        public const double Tolerance = 1e-3;
        public const int CacheSizeMb = 200;
    }
}
