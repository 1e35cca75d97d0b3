namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>Which protocol of section V-A a table column runs.</summary>
public enum ColumnKind
{
    /// <summary>CIFAR-10 one-vs-all: one detector per normal class, the nine other classes are anomalies; averaged over the classes.</summary>
    OneVsAll,

    /// <summary>The image alteration setup: natural images of all classes are normal, altered copies are the anomalies.</summary>
    Alteration,

    /// <summary>Semi-supervised one-vs-all (Table VI): 10 % labeled anomalies of one other class in training.</summary>
    SemiSupervisedOneVsAll,

    /// <summary>Semi-supervised alteration setup (Table VI): labeled anomalies of one alteration in training, others in validation/test.</summary>
    SemiSupervisedAlteration,
}
