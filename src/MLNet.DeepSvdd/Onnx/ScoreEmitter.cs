using static MLNet.DeepSvdd.Onnx.OnnxGraphBuilder;

namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// The detector's head as ONNX nodes: Score = ‖φ(x) − c‖² (minus R² in soft-boundary mode), +∞ for a row with a NaN or infinite
/// input value (the rule of every scoring path, <c>NonFiniteFeatures</c>), and PredictedLabel = Score &gt; threshold, or true when the
/// score is NaN. Both are [N, 1], the layout ML.NET's own ONNX export gives a scalar column.
/// </summary>
internal static class ScoreEmitter
{
    public static (string Score, string PredictedLabel) Emit(OnnxGraphBuilder graph, string features, string flatInput,
        float[] center, double offset, float threshold)
    {
        var axis1 = graph.Int64s("axes.1", 1);
        var difference = graph.Node("Sub", "score.difference", [features, graph.Floats("center", center, 1, center.Length)]);
        var squared = graph.Node("Mul", "score.squared", [difference, difference]);
        var distance = graph.Node("ReduceSum", "score.distance", [squared, axis1], Int("keepdims", 1));
        var score = offset == 0 ? distance : graph.Node("Sub", "score.soft_boundary", [distance, graph.Scalar("radius_squared", (float)offset)]);

        // x·0 is 0 for a finite x and NaN for NaN or ±∞, so the row sum is NaN exactly for the rows that cannot be scored.
        var zeroed = graph.Node("Mul", "input.times_zero", [flatInput, graph.Scalar("zero", 0f)]);
        var nonFinite = graph.Node("IsNaN", "input.non_finite", [graph.Node("ReduceSum", "input.nan_sum", [zeroed, axis1], Int("keepdims", 1))]);
        score = graph.Node("Where", "score.checked", [nonFinite, graph.Scalar("infinity", float.PositiveInfinity), score]);

        var above = graph.Node("Greater", "label.above", [score, graph.Scalar("threshold", threshold)]);
        var label = graph.Node("Or", "label.or_nan", [above, graph.Node("IsNaN", "label.score_nan", [score])]);
        return (score, label);
    }
}
