namespace MLNet.DeepSvdd.Selection;

/// <summary>What a shallow candidate (one-class SVM, Isolation Forest) reads: the feature column itself or features computed from images.</summary>
public enum FeatureSpace
{
    /// <summary>The search's feature column as it is (plain vectors, or flattened pixels).</summary>
    Raw,

    /// <summary>
    /// The 512 pooled features of the ImageNet-pretrained ResNet-18 (<c>mlContext.Transforms.ResNet18Features</c>, the paper's "CNN
    /// features"), computed once per resolution and shared by the candidates that use them. Needs 3-channel images with pixels in 0–255.
    /// </summary>
    ResNet18Features,

    /// <summary>PCA of the raw pixels (<c>mlContext.Transforms.PixelPca</c>, rank 64 or fewer when there are fewer rows), fitted on the training rows.</summary>
    PixelPca,
}
