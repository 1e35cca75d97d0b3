using MLNet.DeepSvdd.Shared.Onnx;
using static MLNet.DeepSvdd.Shared.Onnx.OnnxGraphBuilder;

namespace MLNet.DeepSvdd.Baselines.Onnx;

/// <summary>
/// An Isolation Forest as ONNX nodes: every tree in one ONNX-ML <c>TreeEnsembleRegressor</c> (x goes to the left child when
/// x[feature] ≤ split value, each leaf's value its path length h including the c(size) adjustment, averaged over the trees: E[h(x)]),
/// then s = 2^(−E[h(x)] / c(ψ)).
/// </summary>
internal static class IsolationForestEmitter
{
    public static string Emit(OnnxGraphBuilder graph, string input, IsolationForestModel forest)
    {
        var treeIds = new List<long>();
        var nodeIds = new List<long>();
        var featureIds = new List<long>();
        var values = new List<float>();
        var modes = new List<string>();
        var trueIds = new List<long>();
        var falseIds = new List<long>();
        var targetTreeIds = new List<long>();
        var targetNodeIds = new List<long>();
        var targetWeights = new List<float>();
        for (int t = 0; t < forest.Trees.Count; t++)
        {
            var tree = forest.Trees[t];
            for (int k = 0; k < tree.NodeCount; k++)
            {
                var (feature, value, right) = tree.Node(k);
                treeIds.Add(t);
                nodeIds.Add(k);
                if (feature >= 0)
                {
                    featureIds.Add(feature);
                    values.Add(FloatAtMost(value));
                    modes.Add("BRANCH_LEQ");
                    trueIds.Add(k + 1);
                    falseIds.Add(right);
                }
                else
                {
                    featureIds.Add(0);
                    values.Add(0);
                    modes.Add("LEAF");
                    trueIds.Add(0);
                    falseIds.Add(0);
                    targetTreeIds.Add(t);
                    targetNodeIds.Add(k);
                    targetWeights.Add((float)value);
                }
            }
        }
        var meanPath = graph.Node(MlDomain, "TreeEnsembleRegressor", "forest.mean_path_length", [input],
            Ints("nodes_treeids", [.. treeIds]), Ints("nodes_nodeids", [.. nodeIds]), Ints("nodes_featureids", [.. featureIds]),
            FloatList("nodes_values", values), StringList("nodes_modes", modes), Ints("nodes_truenodeids", [.. trueIds]),
            Ints("nodes_falsenodeids", [.. falseIds]), Ints("target_treeids", [.. targetTreeIds]), Ints("target_nodeids", [.. targetNodeIds]),
            Ints("target_ids", [.. targetTreeIds.Select(_ => 0L)]), FloatList("target_weights", targetWeights), Int("n_targets", 1),
            String("aggregate_function", "AVERAGE"), String("post_transform", "NONE"));

        double normaliser = PathLength.Average(forest.SampleSize);
        if (normaliser <= 0) // ψ ≤ 1: the score is 0.5 for every row (PathLength.AnomalyScore)
            return graph.Node("Add", "forest.score", [graph.Node("Mul", "forest.zero", [meanPath, graph.Scalar("zero.forest", 0f)]), graph.Scalar("half", 0.5f)]);
        var exponent = graph.Node("Mul", "forest.exponent", [meanPath, graph.Scalar("minus_inverse_c", (float)(-1 / normaliser))]);
        return graph.Node("Pow", "forest.score", [graph.Scalar("two", 2f), exponent]);
    }

    /// <summary>
    /// The largest float not above <paramref name="value"/>: for a float x, x ≤ it exactly when x ≤ <paramref name="value"/>, so the float
    /// comparison of the ONNX tree takes the branch the double comparison of the model takes.
    /// </summary>
    internal static float FloatAtMost(double value)
    {
        float rounded = (float)value;
        return rounded > value ? MathF.BitDecrement(rounded) : rounded;
    }
}
