namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>What <c>deepsvdd bench --scaling</c> measures.</summary>
/// <param name="Network">The network to train.</param>
/// <param name="Epochs">Epochs per fit.</param>
/// <param name="Images">Image counts of the first sweep.</param>
/// <param name="ImagesSize">Image size of the first sweep (px).</param>
/// <param name="Sizes">Image sizes of the second sweep (px).</param>
/// <param name="SizeImages">Image count of the second sweep.</param>
/// <param name="BatchSizes">Scoring batch sizes of the third sweep.</param>
/// <param name="ScoreImages">Images scored per batch size (at <paramref name="ScoreSize"/> px).</param>
/// <param name="ScoreSize">Image size of the scoring sweep (px); default 32.</param>
/// <param name="MemoryEpochs">Epochs of the per-epoch memory run (at the smallest image count and <paramref name="ImagesSize"/> px); 0 skips it.</param>
public sealed record ScalingPlan(DeepSvddNetwork Network, int Epochs, IReadOnlyList<int> Images, int ImagesSize, IReadOnlyList<int> Sizes,
    int SizeImages, IReadOnlyList<int> BatchSizes, int ScoreImages, int MemoryEpochs, int ScoreSize = 32);
