using System.Diagnostics;
using Microsoft.ML.Runtime;

namespace MLNet.DeepSvdd.Baselines;

/// <summary>
/// Isolation Forest (Liu, Ting &amp; Zhou 2008) as an ML.NET anomaly-detection trainer. Create it with
/// <c>mlContext.AnomalyDetection.Trainers.IsolationForest(...)</c>. <c>Fit</c> grows <see cref="Options.NumberOfTrees"/> random
/// isolation trees, each on a sub-sample of ψ rows, and returns an <see cref="IsolationForestTransformer"/> whose Score is
/// s(x, ψ) = 2^(−E[h(x)] / c(ψ)) ∈ (0, 1]: near 1 for points isolated by few random splits, about 0.5 or lower for normal ones.
/// </summary>
public sealed partial class IsolationForestTrainer : DetectorTrainer<IsolationForestTrainer.Options, IsolationForestTransformer>
{
    internal IsolationForestTrainer(MLContextAccess context, Options options)
        : base(context, options, "Isolation Forest")
    {
    }

    /// <summary>Grows the forest on the normal rows of <paramref name="input"/>; cancellation is checked between trees.</summary>
    private protected override IsolationForestTransformer FitDetector(IDataView input, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var feature = FeatureColumn.Resolve(input.Schema, Settings.FeatureColumnName, null, "training data");
        var data = FeatureMatrix.Load(input, feature, "training data");
        if (data.Rows < 2) throw new ArgumentException($"The training data has {data.Rows} row; Isolation Forest needs at least 2.", nameof(input));

        var host = Context.Environment.Register("IsolationForest");
        int seed = Settings.Seed ?? host.Rand.Next();
        int sampleSize = Math.Min(Settings.SampleSize, data.Rows);
        int maxDepth = Settings.MaxDepth ?? (int)Math.Ceiling(Math.Log2(sampleSize));
        var model = IsolationForestModel.Train(data, Settings.NumberOfTrees, sampleSize, maxDepth, seed, Settings.NumberOfThreads, cancellationToken);
        ThrowIfCanceled(cancellationToken);
        float threshold = Settings.Contamination is { } contamination
            ? (float)Quantile.Of(model.ScoreAll(data, Settings.NumberOfThreads).Select(s => (double)s).ToArray(), 1 - contamination)
            : 0.5f;

        using var channel = host.Start("Training");
        channel.Info(MessageSensitivity.None, $"Isolation Forest: {Settings.NumberOfTrees} trees, ψ = {sampleSize}, max depth {maxDepth}, " +
            $"{data.Rows} rows × {data.Columns} features, seed {seed}, threshold {threshold:G6}, {watch.Elapsed.TotalSeconds:F2} s.");
        return new IsolationForestTransformer(model, feature.Name, threshold) { Environment = Context.Environment };
    }

}
