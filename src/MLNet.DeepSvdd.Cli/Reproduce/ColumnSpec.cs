using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// One column of a paper table: a protocol with its anomalies, and the settings it changes for every method in it.
/// </summary>
/// <param name="Name">The column heading, e.g. "Strokes 1" or "Bp. 8×8, lr 10⁻²".</param>
/// <param name="Kind">The protocol.</param>
/// <param name="TestAnomalies">The alteration of the validation and test anomalies (alteration setups).</param>
/// <param name="TrainingAnomalies">The alteration of the labeled training anomalies (semi-supervised alteration setup).</param>
/// <param name="ValidationAnomalies">The alteration of the validation anomalies when it differs from the test's (Table VI).</param>
/// <param name="HeadLearningRate">Table V: the learning rate of the linear layer g; the other layers use a tenth of it. Null: defaults.</param>
/// <param name="UseMaxPool">Figure 2: whether ResNet-18 keeps its stem max-pool (deep models and CNN features alike).</param>
/// <param name="PaperColumns">The paper's column(s) this one stands for, e.g. "VOC2012 Strokes 5"; shown in the Markdown table.</param>
public sealed record ColumnSpec(
    string Name,
    ColumnKind Kind,
    ImageAlteration? TestAnomalies = null,
    ImageAlteration? TrainingAnomalies = null,
    ImageAlteration? ValidationAnomalies = null,
    float? HeadLearningRate = null,
    bool UseMaxPool = true,
    IReadOnlyList<string>? PaperColumns = null)
{
    /// <summary>A file-name-safe identifier of the column.</summary>
    public string Id => Slug.Of(Name);

    /// <summary>Whether each run of the column averages over normal classes (one-vs-all) rather than using all classes pooled.</summary>
    public bool PerClass => Kind is ColumnKind.OneVsAll or ColumnKind.SemiSupervisedOneVsAll;

    /// <summary>Whether the training set carries labeled anomalies.</summary>
    public bool SemiSupervised => Kind is ColumnKind.SemiSupervisedOneVsAll or ColumnKind.SemiSupervisedAlteration;
}
