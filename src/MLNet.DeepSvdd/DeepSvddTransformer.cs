using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.DeepSvdd.Persistence;
using MLNet.DeepSvdd.Scoring;

namespace MLNet.DeepSvdd;

/// <summary>
/// A fitted Deep SVDD detector. <see cref="Transform"/> adds two columns to its input: <c>Score</c> (<see cref="float"/>, higher = more
/// anomalous: ‖φ(x) − c‖² in one-class mode, ‖φ(x) − c‖² − R² in soft-boundary mode) and <c>PredictedLabel</c> (<see cref="bool"/>,
/// Score &gt; <see cref="Threshold"/>), the columns <c>mlContext.AnomalyDetection.Evaluate</c> reads.
/// A row with a NaN or infinite feature is never called normal: on every scoring path its Score is +∞ and its PredictedLabel true (the
/// network does not see it), and <see cref="Transform"/> logs their count once per pass through the MLContext's log.
/// Scoring runs in batches on the training device; <c>mlContext.Model.CreatePredictionEngine</c> scores row by row.
/// The model saves with <c>mlContext.Model.Save</c>; <c>mlContext.Model.Load</c> gives a working row-by-row model in any process, and
/// <see cref="DeepSvddModelOperations.LoadDeepSvdd(ModelOperationsCatalog, string, out DataViewSchema)"/> gives the batched one back.
/// </summary>
public sealed class DeepSvddTransformer : ITransformer
{
    private readonly ScoringModel model;

    internal DeepSvddTransformer(ScoringModel model, float threshold, string featureColumnName, TrainingReport report)
    {
        this.model = model;
        Threshold = threshold;
        FeatureColumnName = featureColumnName;
        Report = report;
    }

    /// <summary>The tensors behind the model (for benchmarks and tests).</summary>
    internal ScoringModel Model => model;

    /// <summary>The feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The objective the model was trained with; it decides how the score is defined.</summary>
    public DeepSvddObjective Objective => model.Objective;

    /// <summary>The hypersphere centre c (length <see cref="RepresentationDimension"/>).</summary>
    public IReadOnlyList<float> Center => model.CenterValues();

    /// <summary>The radius R of the soft-boundary hypersphere; 0 in one-class mode.</summary>
    public float Radius => (float)model.Radius;

    /// <summary>
    /// The decision threshold on <c>Score</c>: <c>PredictedLabel</c> is true when Score &gt; Threshold. Soft-boundary: 0 (the boundary
    /// ‖φ(x) − c‖² = R²). One-class: the (1 − ν) quantile of the training scores. Change it with <see cref="WithThreshold"/>.
    /// </summary>
    public float Threshold { get; }

    /// <summary>Number of input values per row.</summary>
    public int InputSize => model.InputSize;

    /// <summary>Dimension p of the representation φ(x).</summary>
    public int RepresentationDimension => model.Network.Spec.RepresentationDimension;

    /// <summary>The device the model scores on, e.g. "cpu".</summary>
    public string Device => model.Device.ToString();

    /// <summary>The training history: per-epoch losses, weight c_t, feature variance, validation AUC, and the collapse verdict.</summary>
    public TrainingReport Report { get; }

    /// <summary>Rows per forward pass of <see cref="Transform"/>. Default 256; on the CPU capped at 2²¹ input values per batch (13 images at 224 px), which is faster there.</summary>
    public int ScoringBatchSize { get; init; } = 256;

    /// <summary>The MLContext environment warnings go to (rows that could not be scored), when the model has one.</summary>
    internal IHostEnvironment? Environment { get; init; }

    /// <summary>Always true: the model can score one row at a time (what <c>PredictionEngine</c> needs).</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>A copy of this model with another decision threshold on <c>Score</c> (the network is shared, not copied).</summary>
    public DeepSvddTransformer WithThreshold(float threshold)
    {
        if (float.IsNaN(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold must be a number.");
        return new DeepSvddTransformer(model, threshold, FeatureColumnName, Report) { ScoringBatchSize = ScoringBatchSize, Environment = Environment };
    }

    /// <summary>The input schema plus <c>Score</c> (Single) and <c>PredictedLabel</c> (Boolean).</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateSchema(inputSchema).Schema;

    /// <summary>
    /// Scores lazily, in batches of <see cref="ScoringBatchSize"/> rows, on the model's device. A row with a NaN or infinite feature scores
    /// +∞ with PredictedLabel true; a pass over the result that met such rows logs one warning with their count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a vector of Single, or of another size than the model's.</exception>
    /// <exception cref="NotSupportedException">
    /// Called by ML.NET's <c>mlContext.Model.ConvertToOnnx</c>, which cannot convert this model: use
    /// <see cref="DeepSvddOnnxExport.ExportDeepSvddToOnnx(ModelOperationsCatalog, ITransformer, Stream)"/>.
    /// </exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OnnxConversionGuard.ThrowIfConverting("Deep SVDD",
            "Export the detector with mlContext.Model.ExportDeepSvddToOnnx(detector, stream) (MLNet.DeepSvdd): its graph holds the whole " +
            "detector, input normalisation and resize included; convert the steps before it separately.");
        return new BatchScoringDataView(input, model, Threshold, CreateSchema(input.Schema), ScoringBatch.Rows(ScoringBatchSize, model.Network.Spec.NetworkInputSize, model.Device),
            "Deep SVDD", Environment);
    }

    /// <summary>A row-by-row scorer (used by <c>PredictionEngine</c>).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new RowScorer(model, Threshold, CreateSchema(inputSchema));

    /// <summary>
    /// Writes the model as standard ML.NET transforms (see the README's "Saving and loading"); called by <c>mlContext.Model.Save</c>.
    /// </summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        ((ICanSaveModel)SavedModelChain.Build(model, Threshold, FeatureColumnName, Report, ScoringBatchSize)).Save(ctx);

    private OutputSchema CreateSchema(DataViewSchema input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new OutputSchema(input, FeatureColumnName, InputSize);
    }
}
