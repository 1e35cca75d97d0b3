namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>A set of images known by index and class, whatever holds the pixels: what the split logic of a protocol needs.</summary>
internal interface IClassifiedImages
{
    /// <summary>The number of images.</summary>
    int Count { get; }

    /// <summary>The class names, in class-index order.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>The class index of image <paramref name="index"/>.</summary>
    int ClassOf(int index);
}
