using Onnx;
using static MLNet.DeepSvdd.Shared.Onnx.OnnxGraphBuilder;

namespace MLNet.DeepSvdd.Shared.Onnx;

/// <summary>
/// What every exported detector does after its own score (float [N, 1]): the rule of every scoring path (<c>NonFiniteFeatures</c>):
/// a row with a NaN or infinite input value scores +∞, and PredictedLabel = Score &gt; threshold, or true when the score is NaN; then
/// the graph outputs <c>Score</c> (float [N, 1]) and <c>PredictedLabel</c> (bool [N, 1]), the layout ML.NET's own ONNX export gives a
/// scalar column.
/// </summary>
internal static class DetectorHeadEmitter
{
    /// <summary>The output column names, as the transformers name them.</summary>
    public const string ScoreName = "Score", PredictedLabelName = "PredictedLabel";

    /// <summary>Adds the non-finite rule, the label and both graph outputs after <paramref name="score"/>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="score">The detector's score, float [N, 1].</param>
    /// <param name="flatInput">The graph input, float [N, D].</param>
    /// <param name="threshold">The decision threshold on the score.</param>
    /// <returns>The rows that cannot be scored, bool [N, 1] (a row with a NaN or infinite value), for outputs that follow the same rule.</returns>
    public static string Emit(OnnxGraphBuilder graph, string score, string flatInput, float threshold)
    {
        // x·0 is 0 for a finite x and NaN for NaN or ±∞, so the row sum is NaN exactly for the rows that cannot be scored.
        var zeroed = graph.Node("Mul", "input.times_zero", [flatInput, graph.Scalar("zero", 0f)]);
        var rowSum = graph.Node("ReduceSum", "input.nan_sum", [zeroed, graph.Int64s("axes.row", 1)], Int("keepdims", 1));
        var nonFinite = graph.Node("IsNaN", "input.non_finite", [rowSum]);
        score = graph.Node("Where", "score.checked", [nonFinite, graph.Scalar("infinity", float.PositiveInfinity), score]);

        var above = graph.Node("Greater", "label.above", [score, graph.Scalar("threshold", threshold)]);
        var label = graph.Node("Or", "label.or_nan", [above, graph.Node("IsNaN", "label.score_nan", [score])]);
        graph.Output(score, ScoreName, TensorProto.Types.DataType.Float, null, 1);
        graph.Output(label, PredictedLabelName, TensorProto.Types.DataType.Bool, null, 1);
        return nonFinite;
    }

    /// <summary>Refuses a feature column named like an output (an ONNX graph cannot have an input and an output of one name).</summary>
    public static void CheckInputName(string input)
    {
        if (input is ScoreName or PredictedLabelName)
            throw new ArgumentException($"The feature column is named '{input}', like an output of the detector; an ONNX graph cannot have an input and an output of one name.");
    }
}
