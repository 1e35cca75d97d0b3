using MLNet.DeepSvdd.Scoring;
using MLNet.DeepSvdd.Shared.Onnx;
using static MLNet.DeepSvdd.Shared.Onnx.OnnxGraphBuilder;

namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// <see cref="AnomalyMap.Render"/> and the map's normalisation as ONNX nodes: the patch distances [N, 1, h, w] smoothed with the 5 taps of
/// <see cref="AnomalyMap.Kernel"/> separably (edges replicated: Pad in <c>edge</c> mode, then a 1×5 and a 5×1 convolution), resized to the
/// input image's height and width (Resize, linear, half-pixel centres, no antialiasing: PyTorch's bilinear <c>interpolate</c> with
/// <c>align_corners = false</c>), multiplied by 0.5 / τ (<see cref="ScoringModel.MapThreshold"/>) and squeezed to float [N, H, W].
/// Resize with <c>axes</c> needs opset 18.
/// </summary>
internal static class AnomalyMapEmitter
{
    /// <summary>The normalised map, float [N, <paramref name="height"/>, <paramref name="width"/>], from <paramref name="distances"/> [N, 1, h, w].</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="distances">The patch branch's squared distances (<see cref="PatchScoreEmitter.Distances"/>).</param>
    /// <param name="mapSize">The patch map's rows and columns (h, w).</param>
    /// <param name="height">The input image's height.</param>
    /// <param name="width">The input image's width.</param>
    /// <param name="mapThreshold">τ: the rendered distance shown as 0.5.</param>
    public static string Emit(OnnxGraphBuilder graph, string distances, (int Height, int Width) mapSize, int height, int width, double mapThreshold)
    {
        var kernel = AnomalyMap.Kernel();
        var x = graph.Node("Pad", "map.pad_columns", [distances, graph.Int64s("map.pads_columns", 0, 0, 0, 2, 0, 0, 0, 2)], String("mode", "edge"));
        x = graph.Node("Conv", "map.smooth_columns", [x, graph.Floats("map.kernel_row", kernel, 1, 1, 1, kernel.Length)],
            Ints("kernel_shape", 1, kernel.Length), Ints("strides", 1, 1), Ints("pads", 0, 0, 0, 0), Ints("dilations", 1, 1), Int("group", 1));
        x = graph.Node("Pad", "map.pad_rows", [x, graph.Int64s("map.pads_rows", 0, 0, 2, 0, 0, 0, 2, 0)], String("mode", "edge"));
        x = graph.Node("Conv", "map.smooth_rows", [x, graph.Floats("map.kernel_column", kernel, 1, 1, kernel.Length, 1)],
            Ints("kernel_shape", kernel.Length, 1), Ints("strides", 1, 1), Ints("pads", 0, 0, 0, 0), Ints("dilations", 1, 1), Int("group", 1));
        if (mapSize.Height != height || mapSize.Width != width)
        {
            x = graph.Node("Resize", "map.resized", [x, "", "", graph.Int64s("map.sizes", height, width)],
                String("mode", "linear"), String("coordinate_transformation_mode", "half_pixel"), Ints("axes", 2, 3));
        }
        x = graph.Node("Mul", "map.normalised", [x, graph.Scalar("map.scale", (float)(AnomalyMap.ThresholdValue / mapThreshold))]);
        return graph.Node("Squeeze", "map.squeezed", [x, graph.Int64s("axes.map_channel", 1)]);
    }
}
