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
        : base(context, options, "Isolation Forest", "IsolationForest")
    {
    }

    /// <summary>Grows the forest on the normal rows of the setup's input; cancellation is checked between trees.</summary>
    private protected override IsolationForestTransformer FitDetector(FitSetup setup)
    {
        var data = FeatureMatrix.Load(setup.Input, setup.Feature, "training data");
        setup.RequireTwoRows(data.Rows);

        int seed = setup.ChooseSeed(Settings.Seed);
        int sampleSize = Math.Min(Settings.SampleSize, data.Rows);
        int maxDepth = Settings.MaxDepth ?? (int)Math.Ceiling(Math.Log2(sampleSize));
        var model = IsolationForestModel.Train(data, Settings.NumberOfTrees, sampleSize, maxDepth, seed, Settings.NumberOfThreads,
            setup.CancellationToken);
        setup.CheckCanceled();
        float threshold = Settings.Contamination is { } contamination
            ? (float)Quantile.Of(model.ScoreAll(data, Settings.NumberOfThreads).Select(s => (double)s).ToArray(), 1 - contamination)
            : 0.5f;

        setup.Channel.Info(MessageSensitivity.None, $"Isolation Forest: {Settings.NumberOfTrees} trees, ψ = {sampleSize}, max depth {maxDepth}, " +
            $"{data.Rows} rows × {data.Columns} features, seed {seed}, threshold {threshold:G6}, {setup.Total.Elapsed.TotalSeconds:F2} s.");
        return new IsolationForestTransformer(model, setup.Feature.Name, threshold) { Environment = Context.Environment };
    }

}
