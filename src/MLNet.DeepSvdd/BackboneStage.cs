namespace MLNet.DeepSvdd;

/// <summary>
/// How far into a ResNet backbone the weights stay fixed during fine-tuning (<see cref="DeepSvddTrainer.Options.FreezeThrough"/>): every
/// stage up to and including this one runs without gradient, is left out of the optimizer (no weight decay either) and keeps its weights
/// and BatchNorm statistics bit for bit. The value is the number of frozen stages.
/// </summary>
public enum BackboneStage
{
    /// <summary>Nothing frozen: every layer is trained.</summary>
    None = 0,

    /// <summary>The stem (7×7 convolution, BatchNorm, ReLU, max-pool) is frozen.</summary>
    Stem = 1,

    /// <summary>The stem and layer1 are frozen.</summary>
    Layer1 = 2,

    /// <summary>The stem, layer1 and layer2 are frozen (PANDA's choice, Reiss et al. 2021; the default for pretrained backbones).</summary>
    Layer2 = 3,

    /// <summary>The stem and layer1–layer3 are frozen: only layer4 and the projection are trained.</summary>
    Layer3 = 4,

    /// <summary>Every convolutional stage is frozen: only the linear projection to the representation is trained.</summary>
    Layer4 = 5,
}
