namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// What a trainer asks of <see cref="NetworkResolver"/>: the network options a detector exposes (Deep SVDD's all of them; GEO's the
/// backbone, weights, pooling, normalisation and its own input resolution), without the rest of any detector's options.
/// </summary>
/// <param name="Network">The requested network; <see cref="DeepSvddNetwork.Auto"/> chooses from the feature column.</param>
/// <param name="PretrainedWeightsPath">ML.NET's ResNet18.onnx, when it is not found automatically.</param>
/// <param name="InputNormalization">The input normalisation; Auto chooses from the network.</param>
/// <param name="UseBias">Biases in every layer.</param>
/// <param name="RepresentationDimension">p, the output dimension; null: 32 for the MLP, 128 otherwise.</param>
/// <param name="UseMaxPool">Whether the ResNet stem keeps its max-pool.</param>
/// <param name="InputResolution">The side images are resized to inside the network; null: automatic.</param>
internal sealed record NetworkRequest(DeepSvddNetwork Network, string? PretrainedWeightsPath, InputNormalization InputNormalization, bool UseBias,
    int? RepresentationDimension, bool UseMaxPool, int? InputResolution)
{
    /// <summary>Widths of the MLP's hidden layers.</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = [];

    /// <summary>The last frozen backbone stage; null: automatic.</summary>
    public BackboneStage? FreezeThrough { get; init; }

    /// <summary>Whether BatchNorm statistics stay frozen; null: automatic.</summary>
    public bool? FreezeBatchNorm { get; init; }

    /// <summary>Which representation the hypersphere is fitted to; Auto: see <see cref="DeepSvddRepresentation.Auto"/>. Default Pooled (GEO's classifier).</summary>
    public DeepSvddRepresentation Representation { get; init; } = DeepSvddRepresentation.Pooled;

    /// <summary>The learning rate of φ; null: automatic.</summary>
    public double? LearningRate { get; init; }

    /// <summary>The request of Deep SVDD's options.</summary>
    public static NetworkRequest From(DeepSvddTrainer.Options options) =>
        new(options.Network, options.PretrainedWeightsPath, options.InputNormalization, options.UseBias, options.RepresentationDimension,
            options.UseMaxPool, options.InputResolution)
        {
            HiddenLayers = options.HiddenLayers,
            FreezeThrough = options.FreezeThrough,
            FreezeBatchNorm = options.FreezeBatchNorm,
            LearningRate = options.LearningRate,
            Representation = options.Representation,
        };
}
