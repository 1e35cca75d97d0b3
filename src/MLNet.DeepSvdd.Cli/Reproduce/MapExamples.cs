namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// A few test anomalies of one run and the anomaly maps its model gave them, stored with the run so that <c>reproduce</c> draws its map
/// grids (<c>maps-&lt;column&gt;.png</c>) from stored runs too (resume, <c>--report-only</c>).
/// </summary>
public sealed class MapExamples
{
    /// <summary>How many test anomalies a run keeps: the first ones in test order.</summary>
    public const int Count = 6;

    /// <summary>Image channels (3 for CIFAR-10).</summary>
    public int Channels { get; set; }

    /// <summary>Image height.</summary>
    public int Height { get; set; }

    /// <summary>Image width.</summary>
    public int Width { get; set; }

    /// <summary>The images, planar [channels, height, width], 0–255.</summary>
    public List<float[]> Images { get; set; } = [];

    /// <summary>Their anomaly maps, height × width values each (0.5 = the model's map threshold).</summary>
    public List<float[]> Maps { get; set; } = [];

    /// <summary>The first <see cref="Count"/> anomalies (label &gt; 0) of a patch model's scored test view, with their maps.</summary>
    public static MapExamples From(IDataView scored)
    {
        var shape = ((VectorDataViewType)scored.Schema[ProtocolColumns.Image].Type).Dimensions;
        var examples = new MapExamples { Channels = shape[0], Height = shape[1], Width = shape[2] };
        var rows = scored.GetColumn<float>(ProtocolColumns.Label)
            .Zip(scored.GetColumn<float[]>(ProtocolColumns.Image), scored.GetColumn<float[]>(DeepSvddTransformer.AnomalyMapColumnName));
        foreach (var (label, image, map) in rows)
        {
            if (label <= 0) continue;
            examples.Images.Add(image);
            examples.Maps.Add(map);
            if (examples.Images.Count == Count) break;
        }
        return examples;
    }
}
