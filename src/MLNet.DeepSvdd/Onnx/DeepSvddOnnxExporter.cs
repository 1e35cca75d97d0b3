using System.Globalization;
using MLNet.DeepSvdd.Shared.Onnx;
using Onnx;

namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// Builds the ONNX model of a fitted <see cref="DeepSvddTransformer"/>: one graph input named after the feature column (float
/// [N, D], the flat row the transformer reads), the input stage (<see cref="InputStageEmitter"/>), the backbone in evaluation mode
/// (<see cref="MlpEmitter"/>, <see cref="LeNetEmitter"/>, <see cref="ResNetEmitter"/>), the score (<see cref="ScoreEmitter"/>) and the
/// head (<see cref="DetectorHeadEmitter"/>),
/// with outputs <c>Score</c> (float [N, 1]) and <c>PredictedLabel</c> (bool [N, 1]). A model with a patch branch
/// (<see cref="DeepSvddRepresentation.Patches"/>, <see cref="DeepSvddRepresentation.PooledAndPatches"/>) also scores its patch map
/// (<see cref="PatchScoreEmitter"/>) and outputs <c>AnomalyMap</c> (float [N, H, W]) and <c>PredictedMask</c> (bool [N, H, W])
/// (<see cref="AnomalyMapEmitter"/>, <see cref="MapHeadEmitter"/>), at opset 18.
/// </summary>
internal static class DeepSvddOnnxExporter
{
    /// <summary>Metadata keys the model carries (read them with ONNX Runtime's <c>ModelMetadata.CustomMetadataMap</c>).</summary>
    public const string InputShapeKey = "deepsvdd.input_shape", ThresholdKey = "deepsvdd.threshold", NetworkKey = "deepsvdd.network",
        ObjectiveKey = "deepsvdd.objective", RadiusKey = "deepsvdd.radius", FeatureColumnKey = "deepsvdd.feature_column";

    /// <summary>Metadata keys of a model with a patch branch: τ (the rendered distance the map shows as 0.5), the map's "H,W", the representation and reduction.</summary>
    public const string MapThresholdKey = "deepsvdd.map_threshold", MapShapeKey = "deepsvdd.map_shape", RepresentationKey = "deepsvdd.representation",
        PatchReductionKey = "deepsvdd.patch_reduction";

    /// <summary>The ONNX model of <paramref name="detector"/>.</summary>
    /// <exception cref="ArgumentException">The feature column is named like an output.</exception>
    /// <exception cref="InvalidOperationException">The network's weights do not match what the exporter emits.</exception>
    public static ModelProto Build(DeepSvddTransformer detector)
    {
        var model = detector.Model;
        var spec = model.Network.Spec;
        var layout = spec.Layout;
        string input = detector.FeatureColumnName;
        DetectorHeadEmitter.CheckInputName(input);
        if (layout.HasPatches) MapHeadEmitter.CheckInputName(input);

        var weights = new NetworkWeights(model.Network);
        var graph = new OnnxGraphBuilder("deep_svdd");
        graph.Input(input, TensorProto.Types.DataType.Float, null, model.InputSize);
        var layers = new LayerEmitter(graph, weights);

        var x = InputStageEmitter.Emit(layers, weights, spec, input);
        var features = spec.Kind switch
        {
            DeepSvddNetwork.Mlp => new ResNetEmitter.Outputs(MlpEmitter.Emit(layers, x, spec.HiddenLayers.Length), null),
            DeepSvddNetwork.LeNet => new ResNetEmitter.Outputs(LeNetEmitter.Emit(layers, x), null),
            DeepSvddNetwork.ResNet18 => ResNetEmitter.Emit(layers, x, [2, 2, 2, 2], spec.UseMaxPool, layout, spec.PatchStage),
            DeepSvddNetwork.ResNet18Pretrained => ResNetEmitter.Emit(layers, x, Networks.Pretrained.ResNet18ImageNet.Blocks, spec.UseMaxPool, layout, spec.PatchStage),
            _ => throw new InvalidOperationException($"The network kind {spec.Kind} cannot be exported to ONNX."),
        };
        string? distances = null;
        if (layout.HasPatches)
        {
            var patchInput = features.PatchInput ?? throw new InvalidOperationException($"The network kind {spec.Kind} has no patch branch to export.");
            distances = PatchScoreEmitter.Distances(layers, patchInput, model.CenterValues(layout.HasPooled ? 1 : 0));
        }
        weights.CheckAllUsed();

        string score;
        if (!layout.HasPatches)
        {
            score = ScoreEmitter.Emit(graph, features.Pooled!, model.CenterValues(), model.Offset);
        }
        else
        {
            string? total = null;
            for (int i = 0; i < model.Spheres.Count; i++)
            {
                var sphere = model.Spheres[i];
                if (sphere.Weight == 0) continue; // a branch chosen out of the score (it may still draw the map)
                var term = sphere.Branch == Networks.RepresentationBranch.Pooled
                    ? ScoreEmitter.Term(graph, ScoreEmitter.PooledDistance(graph, features.Pooled!, model.CenterValues(i)), sphere, "score.pooled")
                    : ScoreEmitter.Term(graph, PatchScoreEmitter.Reduce(graph, distances!, model.Scoring), sphere, "score.patches");
                total = total is null ? term : graph.Node("Max", "score.larger", [total, term]);
            }
            score = total ?? throw new InvalidOperationException("The model scores with no branch; it cannot be exported.");
        }
        var nonFinite = DetectorHeadEmitter.Emit(graph, score, input, detector.Threshold);
        if (layout.HasPatches)
        {
            var map = AnomalyMapEmitter.Emit(graph, distances!, (layout.PatchHeight, layout.PatchWidth), model.MapHeight, model.MapWidth, model.MapThreshold);
            MapHeadEmitter.Emit(graph, map, nonFinite, model.MapHeight, model.MapWidth);
        }

        string shape = string.Join(",", spec.InputShape);
        string threshold = detector.Threshold.ToString("R", CultureInfo.InvariantCulture);
        var metadata = new Dictionary<string, string>
        {
            [FeatureColumnKey] = input,
            [InputShapeKey] = shape,
            [NetworkKey] = spec.ToString(),
            [ObjectiveKey] = model.Objective.ToString(),
            [ThresholdKey] = threshold,
            [RadiusKey] = detector.Radius.ToString("R", CultureInfo.InvariantCulture),
        };
        string doc = $"Deep SVDD detector exported by MLNet.DeepSvdd: {spec}. Input '{input}': float [N, {model.InputSize}] " +
            $"(the feature column's flat row{(spec.InputShape.Length == 3 ? $", planar [{shape}] as ExtractPixels lays it out" : "")}). ";
        if (!layout.HasPatches)
        {
            doc += $"Outputs: Score float [N, 1] (‖φ(x) − c‖²{(model.Offset != 0 ? " − R²" : "")}, +∞ for a row with a NaN or infinite value), " +
                $"PredictedLabel bool [N, 1] (Score > {threshold}).";
        }
        else
        {
            string tau = model.MapThreshold.ToString("R", CultureInfo.InvariantCulture);
            metadata[MapThresholdKey] = tau;
            metadata[MapShapeKey] = $"{model.MapHeight},{model.MapWidth}";
            metadata[RepresentationKey] = detector.Representation.ToString();
            metadata[PatchReductionKey] = model.Scoring.Reduction == PatchScoreReduction.TopMean
                ? $"TopMean({model.Scoring.TopCount} of {layout.PatchPositions} positions)"
                : model.Scoring.Reduction.ToString();
            string reduction = model.Scoring.Reduction == PatchScoreReduction.TopMean
                ? $"the mean of its {model.Scoring.TopCount} largest values" : "its maximum";
            string scored = string.Join(" and ", model.Spheres.Where(b => b.Weight != 0).Select(b => b.Branch.ToString().ToLowerInvariant()));
            doc += $"Outputs: Score float [N, 1] (the patch map of squared distances ({layout.PatchHeight}×{layout.PatchWidth} positions) reduced to " +
                $"{reduction}{(layout.HasPooled ? $", and the pooled ‖φ(x) − c‖², each minus its offset, standardised on the training rows; the larger of the branches that score ({scored})" : ", minus its offset")}; " +
                $"+∞ for a row with a NaN or infinite value), PredictedLabel bool [N, 1] (Score > {threshold}), " +
                $"AnomalyMap float [N, {model.MapHeight}, {model.MapWidth}] (the patch distances smoothed with a Gaussian of σ = 1 position, " +
                $"resized bilinearly to the input image and multiplied by 0.5 / τ with τ = {tau}, so 0.5 is the map threshold on every image; " +
                $"+∞ for a row with a NaN or infinite value), PredictedMask bool [N, {model.MapHeight}, {model.MapWidth}] (AnomalyMap > 0.5).";
        }
        long opset = layout.HasPatches || InputStageEmitter.Resizes(spec) ? OnnxGraphBuilder.ResizeOpset : OnnxGraphBuilder.BaseOpset;
        return graph.Build(opset, doc, metadata);
    }
}
