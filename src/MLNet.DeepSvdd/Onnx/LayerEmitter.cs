using MLNet.DeepSvdd.Shared.Onnx;
using static MLNet.DeepSvdd.Shared.Onnx.OnnxGraphBuilder;

namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// Emits the layers the networks are made of (in evaluation mode) as ONNX nodes, reading their weights by state-dict key from
/// <see cref="NetworkWeights"/>: linear layers (Gemm), 2-d convolutions, BatchNorm with its running statistics, ReLU, LeakyReLU,
/// max-pooling, average pooling (window and global) and flattening.
/// </summary>
internal sealed class LayerEmitter(OnnxGraphBuilder graph, NetworkWeights weights)
{
    public OnnxGraphBuilder Graph => graph;

    /// <summary>Whether the network has a tensor under <paramref name="key"/> (e.g. a shortcut convolution).</summary>
    public bool Has(string key) => weights.Has(key);

    /// <summary>Leaves the module at <paramref name="path"/> out of the graph on purpose (<see cref="NetworkWeights.Skip"/>).</summary>
    public void Skip(string path) => weights.Skip(path);

    /// <summary>
    /// Average pooling with a square window, the padded zeros counted in every window's mean (<c>count_include_pad = 1</c>, PyTorch's
    /// <c>avg_pool2d</c> default).
    /// </summary>
    public string AveragePool(string x, string name, long kernel, long stride, long padding) =>
        graph.Node("AveragePool", name, [x], Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride),
            Ints("pads", padding, padding, padding, padding), Int("count_include_pad", 1), Int("ceil_mode", 0));

    /// <summary>y = x·Wᵀ + b for a linear layer at <paramref name="path"/> (weight [out, in], bias [out] when the layer has one).</summary>
    public string Linear(string x, string path)
    {
        var (w, wShape) = weights.Take(path + ".weight");
        var inputs = new List<string> { x, graph.Floats(path + ".weight", w, wShape) };
        if (weights.TakeOptional(path + ".bias") is var (b, bShape)) inputs.Add(graph.Floats(path + ".bias", b, bShape));
        return graph.Node("Gemm", path, inputs, Int("transB", 1));
    }

    /// <summary>A 2-d convolution at <paramref name="path"/> (weight [out, in, k, k], optional bias), with the given stride and padding.</summary>
    public string Conv(string x, string path, long stride, long padding)
    {
        var (w, wShape) = weights.Take(path + ".weight");
        var inputs = new List<string> { x, graph.Floats(path + ".weight", w, wShape) };
        if (weights.TakeOptional(path + ".bias") is var (b, bShape)) inputs.Add(graph.Floats(path + ".bias", b, bShape));
        return graph.Node("Conv", path, inputs,
            Ints("kernel_shape", wShape[2], wShape[3]), Ints("strides", stride, stride), Ints("pads", padding, padding, padding, padding),
            Ints("dilations", 1, 1), Int("group", 1));
    }

    /// <summary>
    /// BatchNorm at <paramref name="path"/> in evaluation mode: (x − running_mean) / √(running_var + ε) · γ + β over dimension 1
    /// ([N, C] or [N, C, H, W]). A layer without affine parameters (or without its shift, <c>UseBias = false</c>) gets γ = 1, β = 0.
    /// </summary>
    public string BatchNorm(string x, string path)
    {
        var (mean, meanShape) = weights.Take(path + ".running_mean");
        var (variance, _) = weights.Take(path + ".running_var");
        long channels = meanShape[0];
        var scale = weights.TakeOptional(path + ".weight")?.Values ?? Enumerable.Repeat(1f, (int)channels).ToArray();
        var shift = weights.TakeOptional(path + ".bias")?.Values ?? new float[channels];
        return graph.Node("BatchNormalization", path,
            [x, graph.Floats(path + ".scale", scale, channels), graph.Floats(path + ".shift", shift, channels),
             graph.Floats(path + ".running_mean", mean, channels), graph.Floats(path + ".running_var", variance, channels)],
            Float("epsilon", (float)weights.Epsilon(path)));
    }

    public string Relu(string x, string name) => graph.Node("Relu", name, [x]);

    public string LeakyRelu(string x, string name, float slope) => graph.Node("LeakyRelu", name, [x], Float("alpha", slope));

    /// <summary>Max-pooling with a square window (floor mode, padding ignored in the maximum, as in PyTorch).</summary>
    public string MaxPool(string x, string name, long kernel, long stride, long padding) =>
        graph.Node("MaxPool", name, [x], Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride),
            Ints("pads", padding, padding, padding, padding), Int("ceil_mode", 0));

    public string GlobalAveragePool(string x, string name) => graph.Node("GlobalAveragePool", name, [x]);

    /// <summary>[N, ...] to [N, product of the rest], in row-major (NCHW) order like PyTorch's <c>flatten(1)</c>.</summary>
    public string Flatten(string x, string name) => graph.Node("Flatten", name, [x], Int("axis", 1));

    public string Add(string a, string b, string name) => graph.Node("Add", name, [a, b]);
}
