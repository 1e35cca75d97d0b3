using System.Diagnostics;
using Microsoft.ML.Runtime;

namespace MLNet.DeepSvdd.Baselines;

/// <summary>
/// The ν one-class SVM (Schölkopf et al. 2001) with an RBF kernel, as an ML.NET anomaly-detection trainer, solved by an SMO-type
/// decomposition method in the manner of LIBSVM. Create it with <c>mlContext.AnomalyDetection.Trainers.OneClassSvm(...)</c>.
/// <c>Fit</c> returns a <see cref="OneClassSvmTransformer"/> whose Score is −f(x), f(x) = Σ α_i K(x_i, x) − ρ the decision
/// function (LIBSVM's and scikit-learn's scaling: 0 ≤ α_i ≤ 1, Σα = νn); PredictedLabel is f(x) &lt; 0.
/// </summary>
public sealed partial class OneClassSvmTrainer : DetectorTrainer<OneClassSvmTrainer.Options, OneClassSvmTransformer>
{
    internal OneClassSvmTrainer(MLContextAccess context, Options options)
        : base(context, options, "One-class SVM", "OneClassSvm")
    {
    }

    /// <summary>Solves the one-class dual on the rows of the setup's input; cancellation is checked at least every 1 000 solver iterations.</summary>
    private protected override OneClassSvmTransformer FitDetector(FitSetup setup)
    {
        var data = FeatureMatrix.Load(setup.Input, setup.Feature, "training data");
        return Train(data, Settings.Gamma ?? Settings.GammaScale * RbfKernel.ScaleGamma(data), setup, setup.CheckCanceled);
    }


    /// <summary>
    /// Picks γ from <paramref name="grid"/> by ROC AUC on labeled validation data: trains one model per γ on <paramref name="train"/> (the
    /// other settings from <paramref name="options"/>) and scores <paramref name="validation"/>. Ties go to the earlier γ in the grid.
    /// </summary>
    /// <param name="mlContext">The context (its log receives one line per γ).</param>
    /// <param name="train">Training rows (normal data), with the feature column.</param>
    /// <param name="validation">Validation rows with the feature column and a label column holding both classes.</param>
    /// <param name="grid">Candidate values of γ, each &gt; 0; e.g. the "scale" value times 2^k.</param>
    /// <param name="options">Settings other than γ; default: the defaults of <see cref="Options"/>.</param>
    /// <param name="labelColumnName">The validation label: Single (&gt; 0 = anomaly, 0 = normal) or Boolean (true = anomaly). Default "Label".</param>
    public static GammaSelection SelectGamma(MLContext mlContext, IDataView train, IDataView validation, double[] grid,
        Options? options = null, string labelColumnName = "Label")
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.Length == 0) throw new ArgumentException("The γ grid is empty.", nameof(grid));
        foreach (double gamma in grid) OptionChecks.Positive(gamma, nameof(grid) + " value");
        var trainer = new OneClassSvmTrainer(MLContextAccess.FromContext(mlContext), options ?? new Options());
        string featureName = trainer.Settings.FeatureColumnName;
        var feature = trainer.ResolveFeature(train.Schema);
        var data = FeatureMatrix.Load(train, feature, "training data");
        var validationFeature = FeatureColumn.ResolveForScoring(validation.Schema, featureName, feature.Size);
        var validationData = FeatureMatrix.Load(validation, validationFeature, "validation data");
        var labels = LabelColumn.Read(validation, labelColumnName, "validation data");
        if (!labels.Contains(true) || !labels.Contains(false))
            throw new ArgumentException($"Label column '{labelColumnName}' of the validation data must hold both anomalies and normal rows.", nameof(validation));

        var candidates = new List<GammaCandidate>();
        OneClassSvmTransformer? best = null;
        double bestAuc = double.NegativeInfinity;
        foreach (double gamma in grid)
        {
            OneClassSvmTransformer model;
            using (var setup = trainer.StartFit(train, feature, CancellationToken.None))
                model = trainer.Train(data, gamma, setup);
            var scores = new double[validationData.Rows];
            Parallel.For(0, validationData.Rows, trainer.Parallelism, i => scores[i] = model.Model.Score(validationData.Row(i)));
            double auc = RocAuc.Compute(scores, labels);
            candidates.Add(new GammaCandidate(gamma, auc, model.SupportVectorCount));
            if (auc > bestAuc)
            {
                bestAuc = auc;
                best = model;
            }
        }
        return new GammaSelection(best!.Gamma, bestAuc, candidates, best);
    }

    private ParallelOptions Parallelism => new() { MaxDegreeOfParallelism = Settings.NumberOfThreads ?? -1 };

    /// <summary>Solves the dual on <paramref name="data"/> (the rows of the setup's input) with <paramref name="gamma"/>.</summary>
    /// <param name="data">The training rows.</param>
    /// <param name="gamma">The RBF kernel's γ.</param>
    /// <param name="setup">The fit: its feature column names the model's, its channel receives the summary.</param>
    /// <param name="checkCanceled">Called every 1 000 solver iterations; null for none.</param>
    private OneClassSvmTransformer Train(FeatureMatrix data, double gamma, FitSetup setup, Action? checkCanceled = null)
    {
        var watch = Stopwatch.StartNew();
        int n = data.Rows;
        int maxIterations = Settings.MaxIterations ?? Math.Max(10_000_000, n > int.MaxValue / 100 ? int.MaxValue : 100 * n);
        var kernel = new KernelMatrix(data, gamma, (long)Settings.CacheSizeMb << 20, Settings.NumberOfThreads);
        var solution = SmoSolver.Solve(kernel, n, Settings.Nu, Settings.Tolerance, maxIterations, Settings.Shrinking, checkCanceled);
        var model = OneClassSvmModel.FromSolution(data, solution, gamma, Settings.Nu);

        var channel = setup.Channel;
        channel.Info(MessageSensitivity.None, $"One-class SVM: ν = {Settings.Nu}, γ = {gamma:G6}, {n} rows × {data.Columns} features; " +
            $"{solution.Iterations} iterations, {model.SupportVectorCount} support vectors, ρ = {solution.Rho:G6}, " +
            $"{solution.KernelRowsComputed} kernel rows computed, {watch.Elapsed.TotalSeconds:F2} s.");
        if (!solution.Converged)
        {
            channel.Warning(MessageSensitivity.None, $"One-class SVM: the solver stopped at MaxIterations = {maxIterations} before reaching " +
                $"Tolerance = {Settings.Tolerance}; the model may be inaccurate. Raise MaxIterations or Tolerance.");
        }
        return new OneClassSvmTransformer(model, setup.Feature.Name, 0f) { Environment = Context.Environment };
    }
}
