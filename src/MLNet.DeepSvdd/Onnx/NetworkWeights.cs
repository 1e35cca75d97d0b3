using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// The parameters and buffers of a fitted <see cref="FeatureMap"/> as float arrays on the CPU, by state-dict key ("input_mean",
/// "backbone.layer1.0.conv1.weight", ...), and the epsilon of every BatchNorm layer. Emitters take what they use; <see cref="CheckAllUsed"/>
/// then fails the export when a weight was left over, so a change to a network that the exporter does not know about cannot give a
/// graph that silently computes something else.
/// </summary>
internal sealed class NetworkWeights
{
    private readonly Dictionary<string, (float[] Values, long[] Shape)> tensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> epsilons = new(StringComparer.Ordinal);
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public NetworkWeights(FeatureMap network)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (key, tensor) in network.state_dict())
        {
            if (key.EndsWith("num_batches_tracked", StringComparison.Ordinal)) continue; // training-time counter: not part of the function
            var values = tensor.detach().cpu().to(ScalarType.Float32).contiguous();
            tensors[key] = (values.data<float>().ToArray(), values.shape);
        }
        foreach (var (name, module) in network.named_modules())
        {
            switch (module)
            {
                case BatchNorm bn: epsilons[name] = bn.eps; break;
            }
        }
    }

    /// <summary>Whether the state dict holds <paramref name="key"/> (e.g. a bias that only exists with UseBias).</summary>
    public bool Has(string key) => tensors.ContainsKey(key);

    /// <summary>The tensor stored under <paramref name="key"/>, marked as used.</summary>
    /// <exception cref="InvalidOperationException">The network has no such tensor.</exception>
    public (float[] Values, long[] Shape) Take(string key)
    {
        if (!tensors.TryGetValue(key, out var tensor))
            throw new InvalidOperationException($"The network has no weight '{key}' that the ONNX export expects; its layout does not match the exporter.");
        used.Add(key);
        return tensor;
    }

    /// <summary>The tensor under <paramref name="key"/> (marked as used), or null when the network has none.</summary>
    public (float[] Values, long[] Shape)? TakeOptional(string key) => Has(key) ? Take(key) : null;

    /// <summary>
    /// Marks every tensor under the module <paramref name="modulePath"/> (e.g. "backbone.layer3") as deliberately left out of the graph, so that
    /// <see cref="CheckAllUsed"/> accepts them: for the modules a layout keeps but never runs (a Patches-only ResNet's layer3, layer4 and
    /// fc, kept so that pretrained weights load). Only emitters that know the module is not run may call this.
    /// </summary>
    /// <exception cref="InvalidOperationException">The network has no tensor under <paramref name="modulePath"/>.</exception>
    public void Skip(string modulePath)
    {
        string prefix = modulePath + ".";
        var keys = tensors.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (keys.Count == 0)
            throw new InvalidOperationException($"The network has no module '{modulePath}' that the ONNX export expects to leave out; its layout does not match the exporter.");
        foreach (string key in keys) used.Add(key);
    }

    /// <summary>The epsilon of the BatchNorm module at <paramref name="modulePath"/> (e.g. "backbone.layer1.0.bn1").</summary>
    public double Epsilon(string modulePath) => epsilons.TryGetValue(modulePath, out double eps)
        ? eps
        : throw new InvalidOperationException($"The network has no BatchNorm layer '{modulePath}' that the ONNX export expects.");

    /// <summary>Throws when a tensor of the network was not used by the graph.</summary>
    public void CheckAllUsed()
    {
        var left = tensors.Keys.Where(k => !used.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (left.Count > 0)
        {
            throw new InvalidOperationException("The ONNX export does not know what to do with these weights of the network: " +
                string.Join(", ", left.Take(10)) + (left.Count > 10 ? $" (and {left.Count - 10} more)" : "") + ". The exported graph would differ from the model.");
        }
    }
}
