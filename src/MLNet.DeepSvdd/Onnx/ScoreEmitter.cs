using MLNet.DeepSvdd.Shared.Onnx;
using static MLNet.DeepSvdd.Shared.Onnx.OnnxGraphBuilder;

namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// Deep SVDD's score as ONNX nodes: ‖φ(x) − c‖², minus R² in soft-boundary mode, as float [N, 1]; <see cref="DetectorHeadEmitter"/>
/// adds the non-finite rule, the threshold and the outputs.
/// </summary>
internal static class ScoreEmitter
{
    public static string Emit(OnnxGraphBuilder graph, string features, float[] center, double offset)
    {
        var difference = graph.Node("Sub", "score.difference", [features, graph.Floats("center", center, 1, center.Length)]);
        var squared = graph.Node("Mul", "score.squared", [difference, difference]);
        var distance = graph.Node("ReduceSum", "score.distance", [squared, graph.Int64s("axes.feature", 1)], Int("keepdims", 1));
        return offset == 0 ? distance : graph.Node("Sub", "score.soft_boundary", [distance, graph.Scalar("radius_squared", (float)offset)]);
    }
}
