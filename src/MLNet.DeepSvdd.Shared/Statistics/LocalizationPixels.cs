using System.Runtime.InteropServices;

namespace MLNet.DeepSvdd.Shared.Statistics;

/// <summary>
/// Collects the pixels of anomaly maps with their ground truth, image by image, for pixel-level ROC AUC and the PRO curve: every pixel's
/// score, and the defect region it belongs to (the 8-connected regions of its image's mask, <see cref="ConnectedRegions"/>) or none.
/// </summary>
/// <remarks>
/// Memory: 8 bytes per pixel, plus 1 while computing the ROC AUC. The metrics do not depend on the pixels' order, so they sort the
/// collected pixels in place (both metrics share one sort; adding more pixels afterwards is fine and sorts again).
/// </remarks>
internal sealed class LocalizationPixels
{
    private readonly List<float> scores;
    private readonly List<int> regionOf;
    private readonly List<int> regionSizes = [];
    private int[] labels = [];
    private bool sorted;

    /// <param name="expectedPixels">How many pixels will be added, if known (reserves the memory once); 0 when unknown.</param>
    public LocalizationPixels(int expectedPixels = 0)
    {
        scores = new List<float>(expectedPixels);
        regionOf = new List<int>(expectedPixels);
    }

    /// <summary>Images added.</summary>
    public int ImageCount { get; private set; }

    /// <summary>Images with at least one defective pixel.</summary>
    public int DefectiveImageCount { get; private set; }

    /// <summary>Pixels added.</summary>
    public long PixelCount => scores.Count;

    /// <summary>Pixels inside a ground-truth region.</summary>
    public long DefectivePixelCount { get; private set; }

    /// <summary>Pixels outside every ground-truth region.</summary>
    public long NormalPixelCount => PixelCount - DefectivePixelCount;

    /// <summary>Connected ground-truth regions, over all images.</summary>
    public int RegionCount => regionSizes.Count;

    /// <summary>
    /// Adds one image: its anomaly map (higher = more anomalous) and its mask, both row-major height × width. A NaN score counts as +∞, the
    /// library's rule for what could not be scored (never normal; a detector gives a row with NaN or infinite features a map of +∞).
    /// </summary>
    /// <exception cref="ArgumentException">The lengths are not height · width.</exception>
    public void Add(ReadOnlySpan<float> map, ReadOnlySpan<bool> mask, int height, int width)
    {
        int plane = height * width;
        if (map.Length != plane) throw new ArgumentException($"The map has {map.Length} values; {height} × {width} needs {plane}.", nameof(map));
        if (labels.Length != plane) labels = new int[plane];
        int regions = ConnectedRegions.Label(mask, height, width, labels);
        int first = regionSizes.Count;
        for (int k = 0; k < regions; k++) regionSizes.Add(0);
        for (int p = 0; p < plane; p++)
        {
            scores.Add(float.IsNaN(map[p]) ? float.PositiveInfinity : map[p]);
            int label = labels[p];
            if (label == 0)
            {
                regionOf.Add(-1);
                continue;
            }
            regionOf.Add(first + label - 1);
            regionSizes[first + label - 1]++;
        }
        sorted = false;
        ImageCount++;
        if (regions > 0) DefectiveImageCount++;
        DefectivePixelCount += regionSizes.Skip(first).Sum();
    }

    /// <summary>Pixel-level ROC AUC: every pixel of every image one sample, defective = positive; ties count one half.</summary>
    /// <exception cref="ArgumentException">No defective or no normal pixel.</exception>
    public double PixelAreaUnderRocCurve()
    {
        SortByScore();
        var regions = CollectionsMarshal.AsSpan(regionOf);
        var isDefect = new bool[regions.Length];
        for (int p = 0; p < isDefect.Length; p++) isDefect[p] = regions[p] >= 0;
        return RocAuc.FromSorted<float>(CollectionsMarshal.AsSpan(scores), isDefect);
    }

    /// <summary>The PRO curve of the pixels added (see <see cref="ProCurve"/>), stopped where its false-positive rate reaches the given one.</summary>
    /// <param name="stopAtFalsePositiveRate">1 (the default) for the whole curve; the largest rate an area will be taken up to, to save memory.</param>
    /// <exception cref="ArgumentException">No defect region, or no normal pixel.</exception>
    public ProCurve ProCurve(double stopAtFalsePositiveRate = 1)
    {
        SortByScore();
        return Statistics.ProCurve.FromSorted(CollectionsMarshal.AsSpan(scores), CollectionsMarshal.AsSpan(regionOf), regionSizes, stopAtFalsePositiveRate);
    }

    /// <summary>Sorts the pixels by score, ascending, keeping each pixel's region with its score.</summary>
    private void SortByScore()
    {
        if (sorted) return;
        CollectionsMarshal.AsSpan(scores).Sort(CollectionsMarshal.AsSpan(regionOf));
        sorted = true;
    }
}
