using MLNet.DeepSvdd.Scoring;

namespace MLNet.DeepSvdd.Baselines.Geo;

/// <summary>
/// A fitted GEO detector. <see cref="DetectorTransformer.Transform"/> adds <c>Score</c> (<see cref="float"/>, higher = more anomalous: minus the sum over
/// the 72 transformations of the Dirichlet log-density of the classifier's softmax output, up to a constant) and <c>PredictedLabel</c>
/// (<see cref="bool"/>, Score &gt; <see cref="DetectorTransformer.Threshold"/>), the columns <c>mlContext.AnomalyDetection.Evaluate</c> reads. Each row costs
/// 72 forward passes of the classifier, batched on the model's device. <c>mlContext.Model.Save</c> writes standard ML.NET transforms;
/// <c>mlContext.Model.Load</c> gives a working row-by-row model, and <see cref="GeoModelOperations.LoadGeo(ModelOperationsCatalog, string, out DataViewSchema)"/>
/// the batched one. A row with a NaN or infinite feature is never called normal: on every scoring path its Score is +∞ and its
/// PredictedLabel true (the classifier does not see it), and <see cref="DetectorTransformer.Transform"/> logs their count once per pass through the MLContext's log.
/// </summary>
public sealed class GeoTransformer : DetectorTransformer
{
    internal GeoTransformer(GeoScoringModel model, float threshold, string featureColumnName, GeoTrainingReport report)
        : base(featureColumnName, threshold)
    {
        Model = model;
        Report = report;
    }

    internal GeoScoringModel Model { get; }

    /// <summary>Number of input values per row (C · H · H).</summary>
    public override int InputSize => Model.InputSize;

    /// <summary>[C, H, W] of the images.</summary>
    public IReadOnlyList<int> ImageShape => Model.ImageShape;

    /// <summary>The 72 transformations, in the classifier's class order.</summary>
    public IReadOnlyList<GeometricTransformation> Transformations => Model.Transformations.All;

    /// <summary>
    /// The fitted Dirichlet parameters: <c>DirichletAlpha[t][k]</c> is α_k of the Dirichlet fitted to the softmax outputs on images under
    /// transformation t.
    /// </summary>
    public IReadOnlyList<double[]> DirichletAlpha =>
        Enumerable.Range(0, GeometricTransformations.Count).Select(t => Model.Alpha.AsSpan(t * GeometricTransformations.Count, GeometricTransformations.Count).ToArray()).ToList();

    /// <summary>The training history: per-epoch loss and accuracy of the transformation classifier.</summary>
    public GeoTrainingReport Report { get; }

    /// <summary>The device the model scores on, e.g. "cpu".</summary>
    public string Device => Model.Device.ToString();

    /// <summary>Rows per batch of <see cref="DetectorTransformer.Transform"/> (each row is scored through all 72 transformations). Default 32.</summary>
    public int ScoringBatchSize { get; init; } = 32;

    /// <summary>A copy of this model with another decision threshold (the network is shared, not copied).</summary>
    public GeoTransformer WithThreshold(float threshold)
    {
        return new GeoTransformer(Model, CheckThreshold(threshold), FeatureColumnName, Report) { ScoringBatchSize = ScoringBatchSize, Environment = Environment };
    }

    private protected override string DetectorName => "GEO";

    private protected override string? OnnxExportAdvice => null;

    private protected override IBatchScorer BatchScorer => Model;

    private protected override int TransformBatchRows => ScoringBatchSize;

    private protected override TransformerChain<ITransformer> BuildSavedTransforms() => GeoModelFile.Instance.Build(this);
}
