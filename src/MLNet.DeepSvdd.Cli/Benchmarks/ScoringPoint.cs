namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>One scoring measurement: batched <c>Transform</c> of the whole set.</summary>
/// <param name="BatchSize">DeepSvddTransformer.ScoringBatchSize.</param>
/// <param name="Images">Images scored.</param>
/// <param name="ImagesPerSecond">Throughput.</param>
/// <param name="PeakOverBaselineMb">Highest working set during the pass minus the settled one before it.</param>
public sealed record ScoringPoint(int BatchSize, int Images, double ImagesPerSecond, double PeakOverBaselineMb);
