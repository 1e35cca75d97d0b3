using TorchSharp.PyBridge;

namespace MLNet.DeepSvdd.Networks.Pretrained;

/// <summary>
/// Puts pretrained weights into a freshly built backbone: ML.NET's ImageNet ResNet-18 for <see cref="DeepSvddNetwork.ResNet18Pretrained"/>,
/// or a PyTorch state dict (pickled <c>.pt</c>/<c>.pth</c>, or <c>.safetensors</c>) for <see cref="DeepSvddNetwork.ResNet18"/> when a
/// path is given. The projection to the representation (<c>fc</c>) always keeps its fresh initialisation, and with biases off the
/// pretrained BatchNorm shifts are dropped.
/// </summary>
internal static class PretrainedWeights
{
    public static string? Apply(FeatureMap network, string? path)
    {
        var backbone = network.Backbone;
        switch (network.Spec.Kind)
        {
            case DeepSvddNetwork.ResNet18Pretrained:
                {
                    string onnx = ResNet18ImageNet.Locate(path);
                    var weights = ResNet18ImageNet.Load(onnx);
                    try { LoadChecked(backbone, weights, onnx); }
                    finally { foreach (var t in weights.Values) t.Dispose(); }
                    return onnx;
                }
            case DeepSvddNetwork.ResNet18 when path is not null:
                {
                    if (!File.Exists(path)) throw new FileNotFoundException($"PretrainedWeightsPath '{path}' does not exist.", path);
                    var loaded = new Dictionary<string, bool>();
                    // The projection keeps its fresh initialisation (torchvision's fc maps to 1000 classes): keep a copy and put it back.
                    var projection = backbone.state_dict()
                        .Where(kv => kv.Key.StartsWith("fc.", StringComparison.Ordinal) || kv.Key.StartsWith("patch.", StringComparison.Ordinal))
                        .ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
                    try
                    {
                        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
                            backbone.load_safetensors(path, strict: false, skip: [.. projection.Keys], loadedParameters: loaded);
                        else
                            backbone.load_py(path, strict: false, skip: [.. projection.Keys], loadedParameters: loaded);
                    }
                    catch (Exception e) when (e is not FileNotFoundException)
                    {
                        throw new InvalidDataException($"PretrainedWeightsPath '{path}' could not be read as a PyTorch state dict or safetensors file: {e.Message}", e);
                    }
                    finally
                    {
                        using var noGrad = no_grad();
                        var state = backbone.state_dict();
                        foreach (var (key, value) in projection) { state[key].copy_(value); value.Dispose(); }
                    }
                    var expected = backbone.state_dict().Keys.Where(IsLoadedKey).ToList();
                    var missing = expected.Where(k => !loaded.GetValueOrDefault(k)).ToList();
                    if (missing.Count > 0)
                    {
                        throw new InvalidDataException($"PretrainedWeightsPath '{path}' does not hold a torchvision ResNet-18 state dict: " +
                            $"{missing.Count} weights are missing, e.g. {string.Join(", ", missing.Take(5))}.");
                    }
                    return path;
                }
            default:
                if (path is not null)
                    throw new ArgumentException($"PretrainedWeightsPath is only used by Network = ResNet18 or ResNet18Pretrained, not {network.Spec.Kind}.", "PretrainedWeightsPath");
                return null;
        }
    }

    internal static void LoadChecked(nn.Module backbone, Dictionary<string, Tensor> weights, string source)
    {
        var target = backbone.state_dict();
        using var noGrad = no_grad();
        var expected = target.Keys.Where(IsLoadedKey).ToList();
        var missing = expected.Where(k => !weights.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"'{source}' lacks {missing.Count} weights of the network, e.g. {string.Join(", ", missing.Take(5))}.");
        foreach (var key in expected) target[key].copy_(weights[key]);
    }

    /// <summary>Whether a backbone key is loaded from the weights: not the projection (fc., patch.) and not a BatchNorm step counter.</summary>
    private static bool IsLoadedKey(string key) =>
        !key.StartsWith("fc.", StringComparison.Ordinal) && !key.StartsWith("patch.", StringComparison.Ordinal)
        && !key.EndsWith("num_batches_tracked", StringComparison.Ordinal);
}
