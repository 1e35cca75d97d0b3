namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>The three parts of a protocol, ready for <c>Fit</c> (training), <c>Options.ValidationSet</c> and <c>Evaluate</c> (test).</summary>
public sealed class ProtocolSplits
{
    internal ProtocolSplits(string description, ProtocolSplit train, ProtocolSplit validation, ProtocolSplit test)
    {
        Description = description;
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>What the protocol is, e.g. "CIFAR-10 one-vs-all, normal class 3 (cat), seed 1".</summary>
    public string Description { get; }

    /// <summary>The training rows.</summary>
    public ProtocolSplit Train { get; }

    /// <summary>The validation rows (model selection: the epoch with the best validation AUC).</summary>
    public ProtocolSplit Validation { get; }

    /// <summary>The test rows (the reported AUC).</summary>
    public ProtocolSplit Test { get; }

    /// <summary>The description and the counts of the three parts, one per line.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"{Description}{Environment.NewLine}  train      {Train}{Environment.NewLine}" +
        $"  validation {Validation}{Environment.NewLine}  test       {Test}";
}
