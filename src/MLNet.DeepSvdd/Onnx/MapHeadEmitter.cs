using MLNet.DeepSvdd.Scoring;
using MLNet.DeepSvdd.Shared.Onnx;
using Onnx;
using static MLNet.DeepSvdd.Shared.Onnx.OnnxGraphBuilder;

namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// What a patch model's graph does after its normalised map (<see cref="AnomalyMapEmitter"/>): the rule of every scoring path
/// (<c>NonFiniteFeatures</c>): a row with a NaN or infinite input value gets a map of +∞; <c>PredictedMask</c> = AnomalyMap &gt; 0.5, or
/// true where the map is NaN; then the graph outputs <c>AnomalyMap</c> (float [N, H, W]) and <c>PredictedMask</c> (bool [N, H, W]), the
/// columns of the transformer.
/// </summary>
internal static class MapHeadEmitter
{
    /// <summary>The output names, as the transformer names its columns.</summary>
    public const string AnomalyMapName = DeepSvddTransformer.AnomalyMapColumnName, PredictedMaskName = DeepSvddTransformer.PredictedMaskColumnName;

    /// <summary>Adds the non-finite rule, the mask and both graph outputs after <paramref name="map"/>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="map">The normalised map, float [N, H, W].</param>
    /// <param name="nonFinite">The rows that cannot be scored, bool [N, 1] (what <see cref="DetectorHeadEmitter.Emit"/> returns).</param>
    /// <param name="height">H: the input image's height.</param>
    /// <param name="width">W: the input image's width.</param>
    public static void Emit(OnnxGraphBuilder graph, string map, string nonFinite, int height, int width)
    {
        var rows = graph.Node("Unsqueeze", "map.non_finite", [nonFinite, graph.Int64s("axes.map_row", 2)]); // [N, 1, 1], broadcast over H × W
        map = graph.Node("Where", "map.checked", [rows, graph.Scalar("map.infinity", float.PositiveInfinity), map]);
        var above = graph.Node("Greater", "mask.above", [map, graph.Scalar("map.threshold", AnomalyMap.ThresholdValue)]);
        var mask = graph.Node("Or", "mask.or_nan", [above, graph.Node("IsNaN", "mask.map_nan", [map])]);
        graph.Output(map, AnomalyMapName, TensorProto.Types.DataType.Float, null, height, width);
        graph.Output(mask, PredictedMaskName, TensorProto.Types.DataType.Bool, null, height, width);
    }

    /// <summary>Refuses a feature column named like a map output (an ONNX graph cannot have an input and an output of one name).</summary>
    public static void CheckInputName(string input)
    {
        if (input is AnomalyMapName or PredictedMaskName)
            throw new ArgumentException($"The feature column is named '{input}', like an output of the patch detector; an ONNX graph cannot have an input and an output of one name.");
    }
}
