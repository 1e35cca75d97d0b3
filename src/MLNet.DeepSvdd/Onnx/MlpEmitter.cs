namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// The <see cref="Networks.Mlp"/> backbone: [Linear → BatchNorm1d → LeakyReLU(0.01)] per hidden layer, then the linear layer to the
/// representation (state-dict keys <c>backbone.layers.linearI</c>, <c>backbone.layers.bnI</c>, <c>backbone.layers.out</c>).
/// </summary>
internal static class MlpEmitter
{
    public static string Emit(LayerEmitter layers, string x, int hiddenLayers)
    {
        for (int i = 0; i < hiddenLayers; i++)
        {
            x = layers.Linear(x, $"backbone.layers.linear{i}");
            x = layers.BatchNorm(x, $"backbone.layers.bn{i}");
            x = layers.LeakyRelu(x, $"backbone.layers.act{i}", 0.01f);
        }
        return layers.Linear(x, "backbone.layers.out");
    }
}
