namespace MLNet.DeepSvdd.Baselines;

/// <summary>
/// A fitted Isolation Forest. <c>Score</c> is s(x, ψ) = 2^(−E[h(x)] / c(ψ)) ∈ (0, 1] (Liu, Ting &amp; Zhou 2008, eq. 2; scikit-learn's
/// <c>-score_samples</c>), higher = more anomalous; <c>PredictedLabel</c> is Score &gt; <see cref="DetectorTransformer.Threshold"/>.
/// </summary>
public sealed class IsolationForestTransformer : AnomalyDetectorTransformer
{
    private readonly IsolationForestModel model;

    internal IsolationForestTransformer(IsolationForestModel model, string featureColumnName, float threshold)
        : base(model, featureColumnName, threshold)
    {
        this.model = model;
    }

    /// <summary>The number of trees.</summary>
    public int NumberOfTrees => model.TreeCount;

    /// <summary>ψ: the number of rows each tree was grown on.</summary>
    public int SampleSize => model.SampleSize;

    /// <summary>The height limit the trees were grown with.</summary>
    public int MaxDepth => model.MaxDepth;

    /// <summary>E[h(x)]: the mean path length of one row over the trees (the score is 2^(−E[h(x)] / c(ψ))).</summary>
    /// <exception cref="ArgumentException">The row does not have <see cref="AnomalyDetectorTransformer.InputSize"/> values.</exception>
    public double MeanPathLength(ReadOnlySpan<float> features)
    {
        if (features.Length != InputSize)
            throw new ArgumentException($"The row has {features.Length} values; the model expects {InputSize}.", nameof(features));
        return model.MeanPathLength(features);
    }

    /// <summary>A copy of this model with another decision threshold on <c>Score</c> (the trees are shared, not copied).</summary>
    public IsolationForestTransformer WithThreshold(float threshold) =>
        new(model, FeatureColumnName, CheckThreshold(threshold)) { Environment = Environment };
}
