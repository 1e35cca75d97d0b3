using MLNet.DeepSvdd.Features;

namespace MLNet.DeepSvdd;

/// <summary>
/// The feature pipelines of the paper's shallow baselines (section V-B) as ready-made estimators: the pretrained ResNet-18's pooled
/// features, with or without the stem's max-pool (<c>mlContext.Transforms.ResNet18Features</c>), and PCA of the raw pixels
/// (<c>mlContext.Transforms.PixelPca</c>). Feed their output to <c>mlContext.AnomalyDetection.Trainers.OneClassSvm</c> or
/// <c>IsolationForest</c> (package MLNet.DeepSvdd.Baselines).
/// </summary>
public static class ResNet18FeaturesCatalog
{
    /// <summary>
    /// The 512 globally average-pooled features of ML.NET's ImageNet ResNet-18 (the paper's "CNN features"), computed in batches with
    /// TorchSharp from RGB pixels in 0–255 ([3, H, W], ExtractPixels' default layout; any size of at least 16×16, square for saving).
    /// Needs the package Microsoft.ML.DnnImageFeaturizer.ResNet18 in the application.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The 512-value output column. Default "Features".</param>
    /// <param name="inputColumnName">The pixels. Default "Image".</param>
    /// <param name="useMaxPool">Keep the stem's 3×3 stride-2 max-pool (true, the network as trained) or skip it (false: twice the
    /// spatial resolution inside the network; Figure 2 of the paper). Default true.</param>
    /// <param name="batchSize">Images per forward pass. Default 128; on the CPU capped at 2²¹ input values per pass (13 images at 224 px).</param>
    /// <param name="inputResolution">The side images are resized to (bilinear) before the network, as Deep SVDD's
    /// <see cref="DeepSvddTrainer.Options.InputResolution"/> does, so shallow baselines and the deep detector see the same images. Default
    /// null: the images' own size. A transformer with a resolution cannot be saved (use ResizeImages before ExtractPixels for that).</param>
    public static ResNet18FeaturesEstimator ResNet18Features(this TransformsCatalog catalog, string outputColumnName = "Features",
        string inputColumnName = "Image", bool useMaxPool = true, int batchSize = 128, int? inputResolution = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ResNet18FeaturesEstimator(outputColumnName, inputColumnName, useMaxPool, batchSize, inputResolution);
    }

    /// <summary>
    /// PCA of the raw pixels, the paper's other shallow-baseline input: ML.NET's <c>ProjectToPrincipalComponents</c> (randomized PCA,
    /// fitted on the training rows) on the pixel vector. Saved and loaded by ML.NET itself.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The projected column. Default "Features".</param>
    /// <param name="inputColumnName">The pixels (any known-size Single vector). Default "Image".</param>
    /// <param name="rank">Number of principal components kept. Default 64 (what this library's paper reproduction uses).</param>
    /// <param name="seed">Seed of the randomized PCA; null takes one from the MLContext.</param>
    public static IEstimator<ITransformer> PixelPca(this TransformsCatalog catalog, string outputColumnName = "Features",
        string inputColumnName = "Image", int rank = 64, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (rank < 1) throw new ArgumentOutOfRangeException(nameof(rank), rank, "PixelPca's rank must be ≥ 1.");
        return catalog.ProjectToPrincipalComponents(outputColumnName, inputColumnName, rank: rank, seed: seed);
    }
}
