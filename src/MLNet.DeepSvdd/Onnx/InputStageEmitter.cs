using Onnx;
using static MLNet.DeepSvdd.Shared.Onnx.OnnxGraphBuilder;

namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// The input stage of <see cref="FeatureMap.Prepare"/> as ONNX nodes: the flat rows [N, D] reshaped to the network's input shape
/// ([N, D] or [N, C, H, W]), the channel order reversed when the backbone expects BGR, the stored input normalisation
/// ((x − mean) / std per feature or per channel), and the resize to <see cref="NetworkSpec.Resolution"/> (ONNX Resize, opset 18:
/// bilinear, half-pixel centres, antialiased when an image shrinks, like <see cref="ImageResize"/>). The channels-last layout of the
/// TorchSharp path changes no value and has no counterpart here.
/// </summary>
internal static class InputStageEmitter
{
    /// <summary>Whether the input stage resizes the images (and the graph therefore needs opset 18).</summary>
    public static bool Resizes(NetworkSpec spec) =>
        spec.InputShape.Length == 3 && spec.Resolution is int side && (side != spec.InputShape[1] || side != spec.InputShape[2]);

    public static string Emit(LayerEmitter layers, NetworkWeights weights, NetworkSpec spec, string flat)
    {
        var graph = layers.Graph;
        var x = flat;
        bool image = spec.InputShape.Length == 3;
        if (image)
            x = graph.Node("Reshape", "input.reshaped", [x, graph.Int64s("input.shape", [-1, .. spec.InputShape.Select(d => (long)d)])]);
        if (spec.BgrInput)
            x = graph.Node("Gather", "input.bgr", [x, graph.Int64s("input.bgr_order", 2, 1, 0)], Int("axis", 1));

        var (mean, meanShape) = weights.Take("input_mean");
        var (std, stdShape) = weights.Take("input_std");
        if (mean.Any(v => v != 0)) x = graph.Node("Sub", "input.centred", [x, graph.Floats("input_mean", mean, meanShape)]);
        if (std.Any(v => v != 1)) x = graph.Node("Div", "input.normalised", [x, graph.Floats("input_std", std, stdShape)]);

        if (Resizes(spec) && spec.Resolution is int side)
        {
            bool shrinks = spec.InputShape[1] > side || spec.InputShape[2] > side;
            var attributes = new List<AttributeProto>
            {
                String("mode", "linear"),
                String("coordinate_transformation_mode", "half_pixel"),
                Ints("axes", 2, 3),
            };
            if (shrinks)
            {
                // PyTorch's antialiased bilinear filter (the PIL rule): a triangle stretched by 1/scale, weights renormalised inside the image.
                attributes.Add(Int("antialias", 1));
                attributes.Add(Int("exclude_outside", 1));
            }
            x = graph.Node("Resize", "input.resized", [x, "", "", graph.Int64s("input.resize_sizes", side, side)], [.. attributes]);
        }
        return x;
    }
}
