namespace MLNet.DeepSvdd.Selection.Search;

/// <summary>What every trial of one search shares: the data, the column names, the seed and the features computed once.</summary>
internal sealed class TrialContext
{
    public TrialContext(MLContext ml, IDataView train, IDataView validation, string featureColumn, string labelColumn, int seed, FeatureCache features)
    {
        Ml = ml;
        Train = train;
        Validation = validation;
        FeatureColumn = featureColumn;
        LabelColumn = labelColumn;
        Seed = seed;
        Features = features;
    }

    public MLContext Ml { get; }

    /// <summary>The normal training rows.</summary>
    public IDataView Train { get; }

    /// <summary>The labeled validation rows (label column <see cref="LabelColumn"/>).</summary>
    public IDataView Validation { get; }

    public string FeatureColumn { get; }

    public string LabelColumn { get; }

    /// <summary>The seed every trial trains with, so that candidates differ only in their settings.</summary>
    public int Seed { get; }

    public FeatureCache Features { get; }
}
