namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// The <see cref="Networks.LeNet"/> backbone: three blocks of 5×5 convolution (padding 2), BatchNorm, LeakyReLU(0.01) and 2×2
/// max-pooling, then flattening (NCHW order) and the linear layer to the representation.
/// </summary>
internal static class LeNetEmitter
{
    public static string Emit(LayerEmitter layers, string x)
    {
        for (int block = 0; block < 3; block++)
        {
            x = layers.Conv(x, $"backbone.features.conv{block}", stride: 1, padding: 2);
            x = layers.BatchNorm(x, $"backbone.features.bn{block}");
            x = layers.LeakyRelu(x, $"backbone.features.act{block}", 0.01f);
            x = layers.MaxPool(x, $"backbone.features.pool{block}", kernel: 2, stride: 2, padding: 0);
        }
        return layers.Linear(layers.Flatten(x, "backbone.flatten"), "backbone.fc");
    }
}
