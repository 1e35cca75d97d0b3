namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>Everything <c>deepsvdd bench --scaling</c> measured, as written to scaling.json.</summary>
/// <param name="Machine">Cores, OS and runtime the figures come from.</param>
/// <param name="Network">The network trained.</param>
/// <param name="Epochs">Epochs per fit (the first is warm-up and excluded from the epoch time when there are more).</param>
/// <param name="ByImages">Training vs the number of images, at <see cref="ScalingPlan.ImagesSize"/> px.</param>
/// <param name="BySize">Training vs the image size, at <see cref="ScalingPlan.SizeImages"/> images.</param>
/// <param name="ByBatchSize">Transform throughput vs the scoring batch size.</param>
/// <param name="MemoryByEpoch">The working set after each epoch of a longer fit; null when not measured.</param>
public sealed record ScalingResult(string Machine, string Network, int Epochs, IReadOnlyList<FitPoint> ByImages, IReadOnlyList<FitPoint> BySize,
    IReadOnlyList<ScoringPoint> ByBatchSize, EpochMemoryRun? MemoryByEpoch);
