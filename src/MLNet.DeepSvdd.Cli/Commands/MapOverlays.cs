using MLNet.DeepSvdd.Datasets.Visualization;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// The heat-map overlay PNG of <c>score --maps</c> and <c>evaluate</c>'s <c>maps.png</c>: the most anomalous rows of a scored view, one row
/// of <see cref="AnomalyMapOverlay"/> each (image, anomaly map, predicted mask), most anomalous first.
/// </summary>
internal static class MapOverlays
{
    /// <summary>
    /// Writes the overlays of the <paramref name="count"/> highest-scoring rows of <paramref name="scored"/> (which has the pixel column
    /// <see cref="ImageSources.PixelColumn"/> and <see cref="DeepSvddTransformer.AnomalyMapColumnName"/>) to <paramref name="path"/>; returns
    /// how many rows it shows (fewer when the view has fewer rows).
    /// </summary>
    /// <param name="scored">A patch model's output.</param>
    /// <param name="scores">The rows' scores, in row order.</param>
    /// <param name="count">How many rows to show, at least 1.</param>
    /// <param name="path">The PNG to write (atomically).</param>
    public static int WriteMostAnomalous(IDataView scored, float[] scores, int count, string path)
    {
        var shape = ((VectorDataViewType)scored.Schema[ImageSources.PixelColumn].Type).Dimensions;
        var top = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).Take(count).ToHashSet();
        var images = new Dictionary<int, float[]>();
        var maps = new Dictionary<int, float[]>();
        int row = 0;
        foreach (var (image, map) in scored.GetColumn<float[]>(ImageSources.PixelColumn).Zip(scored.GetColumn<float[]>(DeepSvddTransformer.AnomalyMapColumnName)))
        {
            if (top.Contains(row)) { images[row] = image; maps[row] = map; }
            row++;
        }
        var order = top.OrderByDescending(i => scores[i]).ToList();
        AtomicFile.WriteAllBytes(path, AnomalyMapOverlay.Encode([.. order.Select(i => images[i])], [.. order.Select(i => maps[i])],
            shape[0], shape[1], shape[2], scale: Math.Max(1, 128 / Math.Max(shape[1], shape[2]))));
        return order.Count;
    }
}
