namespace MLNet.DeepSvdd.Baselines;

/// <summary>
/// What every fitted baseline detector shares (<see cref="IsolationForestTransformer"/>, <see cref="OneClassSvmTransformer"/>): the
/// detector shape of <see cref="DetectorTransformer"/> over a model that scores rows independently, a batch at a time on all cores, and
/// <see cref="Score(ReadOnlySpan{float})"/> for one row. Saved models load through <c>mlContext.Model.Load</c> in any process that
/// references MLNet.DeepSvdd.Baselines, with the same scores.
/// </summary>
public abstract class AnomalyDetectorTransformer : DetectorTransformer
{
    private protected AnomalyDetectorTransformer(IAnomalyScorer scorer, string featureColumnName, float threshold)
        : base(featureColumnName, threshold)
    {
        Scorer = scorer;
        BatchScorer = new ParallelBatchScorer(scorer);
    }

    /// <summary>Number of input values per row.</summary>
    public override int InputSize => Scorer.InputSize;

    internal IAnomalyScorer Scorer { get; }

    private protected override string DetectorName => Scorer.Kind;

    private protected override string? OnnxExportAdvice =>
        "Export the detector with mlContext.Model.ExportBaselineToOnnx(detector, stream) (MLNet.DeepSvdd.Baselines); convert the steps before it separately.";

    private protected override IBatchScorer BatchScorer { get; }

    private protected override int TransformBatchRows => 256;

    /// <summary>The score of one row of <see cref="InputSize"/> values, as the <c>Score</c> column would hold it.</summary>
    /// <remarks>A row with a NaN or infinite value scores +∞.</remarks>
    /// <exception cref="ArgumentException">The row does not have <see cref="InputSize"/> values.</exception>
    public float Score(ReadOnlySpan<float> features)
    {
        if (features.Length != InputSize)
            throw new ArgumentException(FeatureRowCheck.LengthMessage(features.Length, InputSize, FeatureColumnName, row: null), nameof(features));
        return RowScoring.Score(Scorer, features);
    }

    private protected override TransformerChain<ITransformer> BuildSavedTransforms() => BaselineModelFile.Instance.Build(this);
}
