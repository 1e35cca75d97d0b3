using System.Globalization;
using MLNet.DeepSvdd.Shared.Onnx;
using Onnx;

namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// Builds the ONNX model of a fitted <see cref="DeepSvddTransformer"/>: one graph input named after the feature column (float
/// [N, D], the flat row the transformer reads), the input stage (<see cref="InputStageEmitter"/>), the backbone in evaluation mode
/// (<see cref="MlpEmitter"/>, <see cref="LeNetEmitter"/>, <see cref="ResNetEmitter"/>), the score (<see cref="ScoreEmitter"/>) and the
/// head (<see cref="DetectorHeadEmitter"/>),
/// with outputs <c>Score</c> (float [N, 1]) and <c>PredictedLabel</c> (bool [N, 1]).
/// </summary>
internal static class DeepSvddOnnxExporter
{
    /// <summary>Metadata keys the model carries (read them with ONNX Runtime's <c>ModelMetadata.CustomMetadataMap</c>).</summary>
    public const string InputShapeKey = "deepsvdd.input_shape", ThresholdKey = "deepsvdd.threshold", NetworkKey = "deepsvdd.network",
        ObjectiveKey = "deepsvdd.objective", RadiusKey = "deepsvdd.radius", FeatureColumnKey = "deepsvdd.feature_column";

    public static ModelProto Build(DeepSvddTransformer detector)
    {
        var model = detector.Model;
        var spec = model.Network.Spec;
        if (spec.Layout.HasPatches)
        {
            throw new NotSupportedException($"This Deep SVDD model scores patches (Representation = {spec.Representation}); its ONNX export is not " +
                "available yet. Export a model trained with Representation = DeepSvddRepresentation.Pooled, or score the patch model with ML.NET " +
                "(Transform, PredictionEngine, Model.LoadDeepSvdd), which also gives the anomaly maps.");
        }
        string input = detector.FeatureColumnName;
        DetectorHeadEmitter.CheckInputName(input);

        var weights = new NetworkWeights(model.Network);
        var graph = new OnnxGraphBuilder("deep_svdd");
        graph.Input(input, TensorProto.Types.DataType.Float, null, model.InputSize);
        var layers = new LayerEmitter(graph, weights);

        var x = InputStageEmitter.Emit(layers, weights, spec, input);
        var features = spec.Kind switch
        {
            DeepSvddNetwork.Mlp => MlpEmitter.Emit(layers, x, spec.HiddenLayers.Length),
            DeepSvddNetwork.LeNet => LeNetEmitter.Emit(layers, x),
            DeepSvddNetwork.ResNet18 => ResNetEmitter.Emit(layers, x, [2, 2, 2, 2], spec.UseMaxPool),
            DeepSvddNetwork.ResNet18Pretrained => ResNetEmitter.Emit(layers, x, Networks.Pretrained.ResNet18ImageNet.Blocks, spec.UseMaxPool),
            _ => throw new InvalidOperationException($"The network kind {spec.Kind} cannot be exported to ONNX."),
        };
        weights.CheckAllUsed();

        var score = ScoreEmitter.Emit(graph, features, model.CenterValues(), model.Offset);
        DetectorHeadEmitter.Emit(graph, score, input, detector.Threshold);

        string shape = string.Join(",", spec.InputShape);
        var metadata = new Dictionary<string, string>
        {
            [FeatureColumnKey] = input,
            [InputShapeKey] = shape,
            [NetworkKey] = spec.ToString(),
            [ObjectiveKey] = model.Objective.ToString(),
            [ThresholdKey] = detector.Threshold.ToString("R", CultureInfo.InvariantCulture),
            [RadiusKey] = detector.Radius.ToString("R", CultureInfo.InvariantCulture),
        };
        string doc = $"Deep SVDD detector exported by MLNet.DeepSvdd: {spec}. Input '{input}': float [N, {model.InputSize}] " +
            $"(the feature column's flat row{(spec.InputShape.Length == 3 ? $", planar [{shape}] as ExtractPixels lays it out" : "")}). " +
            $"Outputs: Score float [N, 1] (‖φ(x) − c‖²{(model.Offset != 0 ? " − R²" : "")}, +∞ for a row with a NaN or infinite value), " +
            $"PredictedLabel bool [N, 1] (Score > {detector.Threshold.ToString("R", CultureInfo.InvariantCulture)}).";
        return graph.Build(InputStageEmitter.Resizes(spec) ? OnnxGraphBuilder.ResizeOpset : OnnxGraphBuilder.BaseOpset, doc, metadata);
    }
}
