using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.DeepSvdd.Baselines.Data;
using MLNet.DeepSvdd.Baselines.Forest;

namespace MLNet.DeepSvdd.Baselines;

/// <summary>
/// Isolation Forest (Liu, Ting &amp; Zhou 2008) as an ML.NET anomaly-detection trainer. Create it with
/// <c>mlContext.AnomalyDetection.Trainers.IsolationForest(...)</c>. <see cref="Fit(IDataView)"/> grows <see cref="Options.NumberOfTrees"/> random
/// isolation trees, each on a sub-sample of ψ rows, and returns an <see cref="IsolationForestTransformer"/> whose Score is
/// s(x, ψ) = 2^(−E[h(x)] / c(ψ)) ∈ (0, 1]: near 1 for points isolated by few random splits, about 0.5 or lower for normal ones.
/// </summary>
public sealed partial class IsolationForestTrainer : IEstimator<IsolationForestTransformer>
{
    private readonly MLContextAccess context;
    private readonly Options options;

    internal IsolationForestTrainer(MLContextAccess context, Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.context = context;
        this.options = options.Clone();
    }

    /// <summary>A copy of the options this trainer was created with.</summary>
    public Options TrainerOptions => options.Clone();

    /// <summary>Grows the forest on the rows of <paramref name="input"/> and sets the threshold from <see cref="Options.Contamination"/>.</summary>
    public IsolationForestTransformer Fit(IDataView input) => Fit(input, CancellationToken.None);

    /// <summary>
    /// Like <see cref="Fit(IDataView)"/>; stops with <see cref="OperationCanceledException"/> when the token (or the MLContext) is cancelled:
    /// before any work when it already is, otherwise between trees.
    /// </summary>
    public IsolationForestTransformer Fit(IDataView input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        CancellationCheck.ThrowIfCanceled(cancellationToken, context, "Isolation Forest");
        var watch = Stopwatch.StartNew();
        var feature = FeatureColumn.Resolve(input.Schema, options.FeatureColumnName, null, "training data");
        var data = FeatureMatrix.Load(input, feature, "training data");
        if (data.Rows < 2) throw new ArgumentException($"The training data has {data.Rows} row; Isolation Forest needs at least 2.", nameof(input));

        var host = context.Environment.Register("IsolationForest");
        int seed = options.Seed ?? host.Rand.Next();
        int sampleSize = Math.Min(options.SampleSize, data.Rows);
        int maxDepth = options.MaxDepth ?? (int)Math.Ceiling(Math.Log2(sampleSize));
        var model = IsolationForestModel.Train(data, options.NumberOfTrees, sampleSize, maxDepth, seed, options.NumberOfThreads, cancellationToken);
        CancellationCheck.ThrowIfCanceled(cancellationToken, context, "Isolation Forest");
        float threshold = options.Contamination is { } contamination
            ? (float)Quantile.Of(model.ScoreAll(data, options.NumberOfThreads).Select(s => (double)s).ToArray(), 1 - contamination)
            : 0.5f;

        using var channel = host.Start("Training");
        channel.Info(MessageSensitivity.None, $"Isolation Forest: {options.NumberOfTrees} trees, ψ = {sampleSize}, max depth {maxDepth}, " +
            $"{data.Rows} rows × {data.Columns} features, seed {seed}, threshold {threshold:G6}, {watch.Elapsed.TotalSeconds:F2} s.");
        return new IsolationForestTransformer(model, feature.Name, threshold) { Environment = context.Environment };
    }

    /// <summary>The input schema plus <c>Score</c> (Single) and <c>PredictedLabel</c> (Boolean); checks the feature column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => EstimatorSchema.Output(inputSchema, options.FeatureColumnName);
}
