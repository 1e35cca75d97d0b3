using System.Text.Json.Serialization;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// Everything needed to rebuild a network with the same layout: the resolved kind, the input shape ([D] or [C, H, W]), the representation
/// dimension, the bias switch, the MLP's hidden widths, the ResNet stem's max-pool, whether the input is fed as BGR and the side
/// images are resized to inside the network. Stored in the model file next to the weights (models saved before
/// <see cref="Resolution"/> existed read it as null: no resize).
/// </summary>
/// <see cref="Representation"/> (resolved; models saved before it existed read it as <see cref="DeepSvddRepresentation.Pooled"/>) says which
/// branches the output row carries; <see cref="PatchStage"/> which ResNet stage the patch branch scores (1 = layer1 for new models; models
/// saved before it existed read 2, layer2, which they were trained on).
internal sealed record NetworkSpec(DeepSvddNetwork Kind, int[] InputShape, int RepresentationDimension, bool UseBias, int[] HiddenLayers,
    bool UseMaxPool = true, bool BgrInput = false, int? Resolution = null, DeepSvddRepresentation Representation = DeepSvddRepresentation.Pooled,
    int PatchStage = 2)
{
    /// <summary>How the network's output row is laid out (pooled point, patch map).</summary>
    [JsonIgnore]
    public RepresentationLayout Layout => Representation is DeepSvddRepresentation.Pooled or DeepSvddRepresentation.Auto
        ? RepresentationLayout.PooledOnly(RepresentationDimension)
        : PatchLayout();

    private RepresentationLayout PatchLayout()
    {
        var stage = ResNet.StageShapes(NetworkImageSize, UseMaxPool)[PatchStage];
        return new RepresentationLayout(Representation == DeepSvddRepresentation.PooledAndPatches ? RepresentationDimension : 0, (int)stage[0],
            (int)stage[1], (int)stage[2]);
    }

    /// <summary>Values per input row.</summary>
    public int InputSize => InputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>The image height and width the backbone sees (after the resize of the input stage); (0, 0) for a plain vector.</summary>
    [JsonIgnore]
    public (int Height, int Width) NetworkImageSize =>
        InputShape.Length != 3 ? (0, 0) : Resolution is int side ? (side, side) : (InputShape[1], InputShape[2]);

    /// <summary>Values per row as the backbone sees them (after the resize): what the scoring-batch cap counts.</summary>
    [JsonIgnore]
    public int NetworkInputSize => InputShape.Length == 3 ? InputShape[0] * NetworkImageSize.Height * NetworkImageSize.Width : InputSize;

    /// <summary>Builds the network with weights drawn from <paramref name="generator"/> (PyTorch's default distributions).</summary>
    public FeatureMap Build(torch.Generator generator)
    {
        torch.nn.Module<torch.Tensor, torch.Tensor> backbone = Kind switch
        {
            DeepSvddNetwork.Mlp => new Mlp(InputSize, HiddenLayers, RepresentationDimension, UseBias),
            DeepSvddNetwork.LeNet => new LeNet(InputShape[0], NetworkImageSize.Height, NetworkImageSize.Width, RepresentationDimension, UseBias),
            DeepSvddNetwork.ResNet18 => new ResNet(InputShape[0], [2, 2, 2, 2], RepresentationDimension, UseBias, UseMaxPool, Branches, NetworkImageSize, PatchStage),
            DeepSvddNetwork.ResNet18Pretrained => new ResNet(InputShape[0], Pretrained.ResNet18ImageNet.Blocks, RepresentationDimension, UseBias, UseMaxPool,
                Branches, NetworkImageSize, PatchStage),
            _ => throw new InvalidOperationException($"Network kind {Kind} cannot be built; it must be resolved first."),
        };
        Initialization.Apply(backbone, generator);
        return new FeatureMap(this, backbone);
    }

    private DeepSvddRepresentation Branches => Representation == DeepSvddRepresentation.Auto ? DeepSvddRepresentation.Pooled : Representation;

    public override string ToString() => Kind == DeepSvddNetwork.Mlp
        ? $"Mlp [{InputSize} → {string.Join(" → ", HiddenLayers)} → {RepresentationDimension}], bias {(UseBias ? "on" : "off")}"
        : $"{Kind} [{string.Join("×", InputShape)}{(Resolution is int side ? $" resized to {side}×{side}" : "")} → {RepresentationDimension}], bias {(UseBias ? "on" : "off")}" +
          (Kind is DeepSvddNetwork.ResNet18 or DeepSvddNetwork.ResNet18Pretrained ? $", max-pool {(UseMaxPool ? "on" : "off")}" : "") +
          (Layout.HasPatches ? $", {(Layout.HasPooled ? "pooled and " : "")}patches {Layout.PatchHeight}×{Layout.PatchWidth} of layer{PatchStage}" : "");
}
