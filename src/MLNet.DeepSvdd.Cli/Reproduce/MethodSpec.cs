using System.Text.Json.Serialization;

namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>One row of a paper table: a detector and how it is configured.</summary>
public abstract record MethodSpec(string Name)
{
    /// <summary>A file-name-safe identifier of the row.</summary>
    public string Id => Slug.Of(Name);

    /// <summary>A short group label shown before the name (Table IV: "Soft-bound." / "One-class"; Table I: weighting), or null.</summary>
    public string? Group { get; init; }
}

/// <summary>
/// A Deep SVDD variant of the paper on the pretrained ResNet-18: the standard model without bias (architectural constraints against
/// collapse), "w/ bias" (prone to collapse), "w/ bias &amp; noise reg." and "w/ bias &amp; σ² reg." (the proposed regularizers).
/// </summary>
/// <param name="Name">Row heading.</param>
/// <param name="UseBias">Biases (and BatchNorm shifts) on.</param>
/// <param name="Regularizer">The collapse regularizer.</param>
/// <param name="Objective">One-class (default) or soft-boundary.</param>
/// <param name="Weighting">Adaptive (default, c_t) or fixed (c_t = 1), Table I.</param>
public sealed record DeepSvddMethod(string Name, bool UseBias, CollapseRegularizer Regularizer,
    DeepSvddObjective Objective = DeepSvddObjective.OneClass, RegularizerWeighting Weighting = RegularizerWeighting.Adaptive) : MethodSpec(Name)
{
    /// <summary>
    /// The representation the hypersphere is fitted to (<see cref="DeepSvddTrainer.Options.Representation"/>); null: the trainer's default,
    /// as in the paper's rows. <see cref="DeepSvddRepresentation.Patches"/> gives a model with anomaly maps, whose runs in the alteration
    /// columns also measure pixel ROC AUC and PRO and feed the table's map grids. Left out of the run settings while null
    /// (<see cref="RunSettings.OmittedWhenNull"/>), so the paper's rows keep the run keys they had before this setting existed.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeepSvddRepresentation? Representation { get; init; }

    /// <summary>
    /// True: the paper's fine-tuning recipe, every layer of the pretrained ResNet-18 trained with BatchNorm in training mode
    /// (<see cref="DeepSvddTrainer.Options.FreezeThrough"/> = <see cref="BackboneStage.None"/>, <see cref="DeepSvddTrainer.Options.FreezeBatchNorm"/>
    /// = false). Null: the library's defaults (frozen through layer3, BatchNorm statistics frozen), as the runs stored before this setting
    /// existed (<see cref="RunSettings.OmittedWhenNull"/>).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? TrainEveryLayer { get; init; }
}

/// <summary>The shallow detectors of the paper's comparisons.</summary>
public enum ShallowDetector
{
    /// <summary>One-class SVM, RBF kernel, ν = 0.1, γ chosen on the validation set.</summary>
    OneClassSvm,

    /// <summary>Isolation Forest, 100 trees, sub-samples of 256.</summary>
    IsolationForest,
}

/// <summary>The inputs of the shallow detectors (section V-B).</summary>
public enum ShallowFeatures
{
    /// <summary>PCA of the raw pixels (ML.NET's ProjectToPrincipalComponents, fitted on the training images).</summary>
    Pca,

    /// <summary>The 512 pooled features of the pretrained ResNet-18.</summary>
    Cnn,
}

/// <summary>A shallow baseline: OC-SVM or Isolation Forest on PCA or CNN features.</summary>
/// <param name="Name">Row heading.</param>
/// <param name="Detector">The detector.</param>
/// <param name="Features">Its inputs.</param>
public sealed record ShallowMethod(string Name, ShallowDetector Detector, ShallowFeatures Features) : MethodSpec(Name);

/// <summary>
/// GEO (Golan &amp; El-Yaniv 2018) with the Dirichlet normality score, on the pretrained ResNet-18 as in the paper (section V-B: Adam,
/// λ = 5·10⁻⁴, batch 35, learning rate 10⁻⁴, ⌈200/72⌉ = 3 epochs; the profile may shorten them).
/// </summary>
/// <param name="Name">Row heading.</param>
public sealed record GeoMethod(string Name) : MethodSpec(Name);
