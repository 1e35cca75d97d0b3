using MLNet.DeepSvdd.Scoring;
using MLNet.DeepSvdd.Shared.Onnx;
using static MLNet.DeepSvdd.Shared.Onnx.OnnxGraphBuilder;

namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// The patch branch of a ResNet (<see cref="Networks.PatchEmbedding"/>, <see cref="PatchScoring"/>) as ONNX nodes: the patch stage's output averaged
/// over 3×3 neighbourhoods (stride 1, padding 1, the padded zeros counted as TorchSharp's <c>avg_pool2d</c> does), projected by the 1×1
/// convolution <c>backbone.patch.projection</c>, the squared distance of every position to the patch centre, and the reduction of that map
/// to one value per row (<see cref="PatchScoreReduction.Max"/>: ReduceMax; <see cref="PatchScoreReduction.TopMean"/>: TopK of
/// <see cref="PatchScoring.TopCount"/> positions, then ReduceMean). Uses the axes-as-input form of the reductions (opset 18).
/// </summary>
internal static class PatchScoreEmitter
{
    /// <summary>The squared distances of every position of the patch map to <paramref name="center"/>: float [N, 1, h, w].</summary>
    /// <param name="layers">The layer emitter (holds the projection's weights).</param>
    /// <param name="stageOutput">The patch stage's output, float [N, C, h, w].</param>
    /// <param name="center">The patch centre (C values).</param>
    public static string Distances(LayerEmitter layers, string stageOutput, float[] center)
    {
        var graph = layers.Graph;
        var x = layers.AveragePool(stageOutput, "backbone.patch.average", kernel: 3, stride: 1, padding: 1);
        x = layers.Conv(x, "backbone.patch.projection", stride: 1, padding: 0);
        var difference = graph.Node("Sub", "patch.difference", [x, graph.Floats("patch_center", center, 1, center.Length, 1, 1)]);
        var squared = graph.Node("Mul", "patch.squared", [difference, difference]);
        return graph.Node("ReduceSum", "patch.distance", [squared, graph.Int64s("axes.channel", 1)], Int("keepdims", 1));
    }

    /// <summary>The map <paramref name="distances"/> [N, 1, h, w] reduced to one value per row as <paramref name="scoring"/> says: float [N, 1].</summary>
    public static string Reduce(OnnxGraphBuilder graph, string distances, PatchScoring scoring)
    {
        var flat = graph.Node("Flatten", "patch.flat", [distances], Int("axis", 1));
        var positions = graph.Int64s("axes.position", 1);
        switch (scoring.Reduction)
        {
            case PatchScoreReduction.Max:
                return graph.Node("ReduceMax", "patch.max", [flat, positions], Int("keepdims", 1));
            case PatchScoreReduction.TopMean:
                var top = graph.NodeWithOutputs("TopK", ["patch.top", "patch.top_indices"],
                    [flat, graph.Int64s("patch.top_count", scoring.TopCount)], Int("axis", 1), Int("largest", 1), Int("sorted", 1))[0];
                return graph.Node("ReduceMean", "patch.top_mean", [top, positions], Int("keepdims", 1));
            default:
                throw new InvalidOperationException($"The patch score reduction {scoring.Reduction} cannot be exported to ONNX.");
        }
    }
}
