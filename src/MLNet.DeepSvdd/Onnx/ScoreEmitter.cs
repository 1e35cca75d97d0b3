using MLNet.DeepSvdd.Scoring;
using MLNet.DeepSvdd.Shared.Onnx;
using static MLNet.DeepSvdd.Shared.Onnx.OnnxGraphBuilder;

namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// Deep SVDD's score as ONNX nodes: ‖φ(x) − c‖², minus R² in soft-boundary mode, as float [N, 1] for a pooled model; for a model with
/// a patch branch, the largest over the branches that take part (weight 1) of (reduced distance − offset − shift) / scale, as
/// <see cref="PatchScoring.Scores"/> computes it.
/// <see cref="DetectorHeadEmitter"/> adds the non-finite rule, the threshold and the outputs.
/// </summary>
internal static class ScoreEmitter
{
    /// <summary>The score of a pooled model: ‖<paramref name="features"/> − c‖² − <paramref name="offset"/>, float [N, 1].</summary>
    public static string Emit(OnnxGraphBuilder graph, string features, float[] center, double offset)
    {
        var difference = graph.Node("Sub", "score.difference", [features, graph.Floats("center", center, 1, center.Length)]);
        var squared = graph.Node("Mul", "score.squared", [difference, difference]);
        var distance = graph.Node("ReduceSum", "score.distance", [squared, graph.Int64s("axes.feature", 1)], Int("keepdims", 1));
        return offset == 0 ? distance : graph.Node("Sub", "score.soft_boundary", [distance, graph.Scalar("radius_squared", (float)offset)]);
    }

    /// <summary>
    /// One branch's term of the score from its reduced distance <paramref name="reduced"/> [N, 1]: minus the sphere's offset (when not 0),
    /// minus its shift (when not 0), divided by its scale (when not 1), in that order, as <see cref="PatchScoring.Scores"/> does.
    /// </summary>
    public static string Term(OnnxGraphBuilder graph, string reduced, BranchSphere sphere, string name)
    {
        var term = reduced;
        if (sphere.Offset != 0) term = graph.Node("Sub", name + ".soft_boundary", [term, graph.Scalar(name + ".radius_squared", (float)sphere.Offset)]);
        if (sphere.Shift != 0) term = graph.Node("Sub", name + ".shifted", [term, graph.Scalar(name + ".shift", (float)sphere.Shift)]);
        if (sphere.Scale != 1) term = graph.Node("Div", name + ".scaled", [term, graph.Scalar(name + ".scale", (float)sphere.Scale)]);
        return term;
    }

    /// <summary>The pooled branch's squared distance ‖<paramref name="features"/> − c‖², float [N, 1], without an offset.</summary>
    public static string PooledDistance(OnnxGraphBuilder graph, string features, float[] center) => Emit(graph, features, center, 0);
}
