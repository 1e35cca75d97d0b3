namespace MLNet.DeepSvdd;

/// <summary>
/// A fitted Deep SVDD detector. <see cref="DetectorTransformer.Transform"/> adds two columns to its input: <c>Score</c> (<see cref="float"/>, higher = more
/// anomalous: ‖φ(x) − c‖² in one-class mode, ‖φ(x) − c‖² − R² in soft-boundary mode) and <c>PredictedLabel</c> (<see cref="bool"/>,
/// Score &gt; <see cref="DetectorTransformer.Threshold"/>), the columns <c>mlContext.AnomalyDetection.Evaluate</c> reads. The threshold is 0 in
/// soft-boundary mode (the boundary ‖φ(x) − c‖² = R²) and the (1 − ν) quantile of the training scores in one-class mode; change it with
/// <see cref="WithThreshold"/>.
/// A row with a NaN or infinite feature is never called normal: on every scoring path its Score is +∞ and its PredictedLabel true (the
/// network does not see it), and <see cref="DetectorTransformer.Transform"/> logs their count once per pass through the MLContext's log.
/// A model with a patch branch (<see cref="DeepSvddTrainer.Options.Representation"/>) also adds <c>AnomalyMap</c> (Vector&lt;Single, H, W&gt; at
/// the input image's size, 0.5 at the map threshold, see <see cref="MapThreshold"/>) and <c>PredictedMask</c> (Vector&lt;Boolean, H, W&gt;,
/// AnomalyMap &gt; 0.5), on <see cref="DetectorTransformer.Transform"/>, <c>PredictionEngine</c> and models loaded with
/// <see cref="DeepSvddModelOperations.LoadDeepSvdd(ModelOperationsCatalog, string, out DataViewSchema)"/>.
/// Scoring runs in batches on the training device; <c>mlContext.Model.CreatePredictionEngine</c> scores row by row.
/// The model saves with <c>mlContext.Model.Save</c>; <c>mlContext.Model.Load</c> gives a working row-by-row model in any process, and
/// <see cref="DeepSvddModelOperations.LoadDeepSvdd(ModelOperationsCatalog, string, out DataViewSchema)"/> gives the batched one back.
/// </summary>
public sealed class DeepSvddTransformer : DetectorTransformer
{
    private readonly ScoringModel model;

    internal DeepSvddTransformer(ScoringModel model, float threshold, string featureColumnName, TrainingReport report)
        : base(featureColumnName, threshold)
    {
        this.model = model;
        Report = report;
    }

    /// <summary>The tensors behind the model (for benchmarks and tests).</summary>
    internal ScoringModel Model => model;

    /// <summary>The objective the model was trained with; it decides how the score is defined.</summary>
    public DeepSvddObjective Objective => model.Objective;

    /// <summary>The hypersphere centre c (length <see cref="RepresentationDimension"/>).</summary>
    public IReadOnlyList<float> Center => model.CenterValues();

    /// <summary>The radius R of the soft-boundary hypersphere; 0 in one-class mode.</summary>
    public float Radius => (float)model.Radius;

    /// <summary>The column of the anomaly map: "AnomalyMap".</summary>
    public const string AnomalyMapColumnName = "AnomalyMap";

    /// <summary>The column of the predicted mask: "PredictedMask".</summary>
    public const string PredictedMaskColumnName = "PredictedMask";

    /// <summary>The representation the model scores (resolved: never <see cref="DeepSvddRepresentation.Auto"/>).</summary>
    public DeepSvddRepresentation Representation => model.Network.Spec.Representation == DeepSvddRepresentation.Auto
        ? DeepSvddRepresentation.Pooled
        : model.Network.Spec.Representation;

    /// <summary>Whether the model adds the <c>AnomalyMap</c> and <c>PredictedMask</c> columns (it has a patch branch).</summary>
    public bool HasAnomalyMap => model.HasMaps;

    /// <summary>
    /// τ: the smoothed patch distance that <c>AnomalyMap</c> shows as 0.5 (the map is 0.5 · distance / τ, the same scale for every image).
    /// Learned at the end of training as the (1 − ν) quantile of the largest map value of each normal image: the validation set's normal rows
    /// when a validation set is given, else the training rows. Only meaningful when <see cref="HasAnomalyMap"/>.
    /// </summary>
    public float MapThreshold => (float)model.MapThreshold;

    /// <summary>Number of input values per row.</summary>
    public override int InputSize => model.InputSize;

    /// <summary>Dimension p of the representation φ(x).</summary>
    public int RepresentationDimension => model.Network.Spec.RepresentationDimension;

    /// <summary>The device the model scores on, e.g. "cpu".</summary>
    public string Device => model.Device.ToString();

    /// <summary>The training history: per-epoch losses, weight c_t, feature variance, validation AUC, and the collapse verdict.</summary>
    public TrainingReport Report { get; }

    /// <summary>Rows per forward pass of <see cref="DetectorTransformer.Transform"/>. Default 256; on the CPU capped at 2²¹ input values per batch (13 images at 224 px), which is faster there.</summary>
    public int ScoringBatchSize { get; init; } = DeepSvddTrainer.Defaults.ScoringBatchSize;

    /// <summary>A copy of this model with another decision threshold on <c>Score</c> (the network is shared, not copied).</summary>
    public DeepSvddTransformer WithThreshold(float threshold)
    {
        return new DeepSvddTransformer(model, CheckThreshold(threshold), FeatureColumnName, Report) { ScoringBatchSize = ScoringBatchSize, Environment = Environment };
    }

    /// <summary>
    /// A copy of this model (sharing its network) whose score takes only the branches whose entry of <paramref name="weights"/> is 1 (pooled
    /// first): how a two-branch model would score with one branch or both, for studies of the branch choice.
    /// </summary>
    internal DeepSvddTransformer WithBranchWeights(params double[] weights)
    {
        if (weights.Length != model.Spheres.Count) throw new ArgumentException($"The model has {model.Spheres.Count} branches; got {weights.Length} weights.", nameof(weights));
        var calibrations = model.Calibrations.Select((c, i) => c with { Weight = weights[i] }).ToList();
        var scoring = new ScoringModel(model.Network, [.. model.Spheres.Select(s => s.Center)], model.Radii, calibrations, model.Objective, model.Scoring,
            model.Device) { MapThreshold = model.MapThreshold };
        return new(scoring, Threshold, FeatureColumnName, Report) { ScoringBatchSize = ScoringBatchSize, Environment = Environment };
    }

    private protected override string DetectorName => "Deep SVDD";

    private protected override string? OnnxExportAdvice =>
        "Export the detector with mlContext.Model.ExportDeepSvddToOnnx(detector, stream) (MLNet.DeepSvdd): its graph holds the whole " +
        "detector, input normalisation and resize included; convert the steps before it separately.";

    private protected override IBatchScorer BatchScorer => model;

    private protected override int TransformBatchRows => ScoringBatch.Rows(ScoringBatchSize, model.Network.Spec.NetworkInputSize, model.Device);

    /// <summary>Writes the model (see docs/architecture.md, "Saving and loading"); called through <c>mlContext.Model.Save</c>.</summary>
    private protected override TransformerChain<ITransformer> BuildSavedTransforms() =>
        DeepSvddModelFile.Instance.Build(this);
}
