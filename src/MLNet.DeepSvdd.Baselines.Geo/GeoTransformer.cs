using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.DeepSvdd.Baselines.Geo;
using MLNet.DeepSvdd.Scoring;

namespace MLNet.DeepSvdd.Baselines;

/// <summary>
/// A fitted GEO detector. <see cref="Transform"/> adds <c>Score</c> (<see cref="float"/>, higher = more anomalous: minus the sum over
/// the 72 transformations of the Dirichlet log-density of the classifier's softmax output, up to a constant) and <c>PredictedLabel</c>
/// (<see cref="bool"/>, Score &gt; <see cref="Threshold"/>), the columns <c>mlContext.AnomalyDetection.Evaluate</c> reads. Each row costs
/// 72 forward passes of the classifier, batched on the model's device. <c>mlContext.Model.Save</c> writes standard ML.NET transforms;
/// <c>mlContext.Model.Load</c> gives a working row-by-row model, and <see cref="GeoModelOperations.LoadGeo(ModelOperationsCatalog, string, out DataViewSchema)"/>
/// the batched one. A row with a NaN or infinite feature is never called normal: on every scoring path its Score is +∞ and its
/// PredictedLabel true (the classifier does not see it), and <see cref="Transform"/> logs their count once per pass through the MLContext's log.
/// </summary>
public sealed class GeoTransformer : ITransformer
{
    internal GeoTransformer(GeoScoringModel model, float threshold, string featureColumnName, GeoTrainingReport report)
    {
        Model = model;
        Threshold = threshold;
        FeatureColumnName = featureColumnName;
        Report = report;
    }

    internal GeoScoringModel Model { get; }

    /// <summary>The feature column the model reads: [C, H, H] image pixels.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The decision threshold on <c>Score</c>: the (1 − Contamination) quantile of the training scores.</summary>
    public float Threshold { get; }

    /// <summary>Number of input values per row (C · H · H).</summary>
    public int InputSize => Model.InputSize;

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

    /// <summary>Rows per batch of <see cref="Transform"/> (each row is scored through all 72 transformations). Default 32.</summary>
    public int ScoringBatchSize { get; init; } = 32;

    /// <summary>The MLContext environment warnings go to (rows that could not be scored), when the model has one.</summary>
    internal IHostEnvironment? Environment { get; init; }

    /// <summary>Always true: the model can score one row at a time (what <c>PredictionEngine</c> needs).</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>A copy of this model with another decision threshold (the network is shared, not copied).</summary>
    public GeoTransformer WithThreshold(float threshold)
    {
        if (float.IsNaN(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold must be a number.");
        return new GeoTransformer(Model, threshold, FeatureColumnName, Report) { ScoringBatchSize = ScoringBatchSize, Environment = Environment };
    }

    /// <summary>A copy of this model (sharing its network) that logs to <paramref name="environment"/>.</summary>
    internal GeoTransformer WithEnvironment(IHostEnvironment? environment) =>
        new(Model, Threshold, FeatureColumnName, Report) { ScoringBatchSize = ScoringBatchSize, Environment = environment };

    /// <summary>The input schema plus <c>Score</c> (Single) and <c>PredictedLabel</c> (Boolean).</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateSchema(inputSchema).Schema;

    /// <summary>
    /// Scores lazily, <see cref="ScoringBatchSize"/> rows at a time, on the model's device. A row with a NaN or infinite feature scores +∞
    /// with PredictedLabel true; a pass over the result that met such rows logs one warning with their count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a vector of Single, or of another size than the model's.</exception>
    /// <exception cref="NotSupportedException">Called by ML.NET's <c>mlContext.Model.ConvertToOnnx</c>: GEO cannot be exported to ONNX.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OnnxConversionGuard.ThrowIfConverting("GEO", null);
        return new BatchScoringDataView(input, Model, Threshold, CreateSchema(input.Schema), ScoringBatchSize, "GEO", Environment);
    }

    /// <summary>A row-by-row scorer (used by <c>PredictionEngine</c>).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new RowScorer(Model, Threshold, CreateSchema(inputSchema));

    /// <summary>Writes the model as standard ML.NET transforms; called by <c>mlContext.Model.Save</c>.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)GeoSavedModel.Build(this)).Save(ctx);

    private OutputSchema CreateSchema(DataViewSchema input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new OutputSchema(input, FeatureColumnName, InputSize);
    }
}
