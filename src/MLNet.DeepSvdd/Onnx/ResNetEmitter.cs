namespace MLNet.DeepSvdd.Onnx;

/// <summary>
/// The <see cref="Networks.ResNet"/> backbones (ResNet-18 with {2, 2, 2, 2} basic blocks, ML.NET's ImageNet ResNet-18 with
/// {2, 2, 2, 3}): the stem (7×7 stride-2 convolution, BatchNorm, ReLU and, when the model has it, the 3×3 stride-2 max-pool), four
/// stages of basic blocks with their 1×1 downsampling shortcuts, global average pooling and the linear projection. With a patch branch
/// (<see cref="Networks.RepresentationLayout.HasPatches"/>) the patch stage's output (layer1, or layer2 in older models) is returned too, for
/// <see cref="PatchScoreEmitter"/>; without the pooled branch (<see cref="DeepSvddRepresentation.Patches"/>) the stages after it and fc are not emitted, as <see cref="Networks.ResNet.Trailing"/>
/// does not run them, and their weights are marked as deliberately unused.
/// </summary>
internal static class ResNetEmitter
{
    /// <summary>What the backbone gives the score.</summary>
    /// <param name="Pooled">φ(x), float [N, p], or null without the pooled branch.</param>
    /// <param name="PatchInput">The patch stage's output, float [N, C, h, w], or null without the patch branch.</param>
    public sealed record Outputs(string? Pooled, string? PatchInput);

    /// <summary>
    /// Emits the backbone on the prepared input <paramref name="x"/> for the branches of <paramref name="layout"/>, the patch branch on the
    /// output of stage <paramref name="patchStage"/> (1 = layer1, 2 = layer2).
    /// </summary>
    public static Outputs Emit(LayerEmitter layers, string x, IReadOnlyList<int> blocks, bool useMaxPool, Networks.RepresentationLayout layout,
        int patchStage)
    {
        x = layers.Conv(x, "backbone.conv1", stride: 2, padding: 3);
        x = layers.Relu(layers.BatchNorm(x, "backbone.bn1"), "backbone.relu");
        if (useMaxPool) x = layers.MaxPool(x, "backbone.maxpool", kernel: 3, stride: 2, padding: 1);
        string? patchInput = null;
        int stages = layout.HasPooled ? 4 : patchStage;
        for (int stage = 0; stage < stages; stage++)
        {
            for (int block = 0; block < blocks[stage]; block++)
                x = BasicBlock(layers, x, $"backbone.layer{stage + 1}.{block}", stride: stage > 0 && block == 0 ? 2 : 1);
            if (stage == patchStage - 1 && layout.HasPatches) patchInput = x;
        }
        if (!layout.HasPooled)
        {
            // Patches only: the network keeps these modules (so pretrained weights load) but never runs them.
            foreach (string module in new[] { "backbone.layer2", "backbone.layer3", "backbone.layer4", "backbone.fc" }.Skip(patchStage - 1)) layers.Skip(module);
            return new Outputs(null, patchInput);
        }
        var pooled = layers.Linear(layers.Flatten(layers.GlobalAveragePool(x, "backbone.avgpool"), "backbone.flatten"), "backbone.fc");
        return new Outputs(pooled, patchInput);
    }

    private static string BasicBlock(LayerEmitter layers, string input, string path, long stride)
    {
        var x = layers.Relu(layers.BatchNorm(layers.Conv(input, path + ".conv1", stride, padding: 1), path + ".bn1"), path + ".relu1");
        x = layers.BatchNorm(layers.Conv(x, path + ".conv2", stride: 1, padding: 1), path + ".bn2");
        // The shortcut: a 1×1 convolution and BatchNorm where the block changes the shape (the model has them exactly there).
        var identity = layers.Has(path + ".downsample.0.weight")
            ? layers.BatchNorm(layers.Conv(input, path + ".downsample.0", stride, padding: 0), path + ".downsample.1")
            : input;
        return layers.Relu(layers.Add(x, identity, path + ".add"), path + ".relu2");
    }
}
