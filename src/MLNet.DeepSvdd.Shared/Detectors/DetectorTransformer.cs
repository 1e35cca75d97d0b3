using Microsoft.ML.Runtime;

namespace MLNet.DeepSvdd.Shared.Detectors;

/// <summary>
/// What every fitted detector of this library shares (<c>DeepSvddTransformer</c>, <c>GeoTransformer</c>, <c>IsolationForestTransformer</c>,
/// <c>OneClassSvmTransformer</c>). <see cref="Transform"/> adds two columns to its input: <c>Score</c> (<see cref="float"/>, higher = more
/// anomalous) and <c>PredictedLabel</c> (<see cref="bool"/>, Score &gt; <see cref="Threshold"/>), the columns
/// <c>mlContext.AnomalyDetection.Evaluate</c> reads. <see cref="Transform"/> scores lazily, a batch of rows at a time;
/// <c>mlContext.Model.CreatePredictionEngine</c> scores row by row through <see cref="GetRowToRowMapper"/>. A row with a NaN or infinite
/// feature is never called normal: on every scoring path its Score is +∞ and its PredictedLabel true, and a pass over the result of
/// <see cref="Transform"/> that met such rows logs their count once through the MLContext's log. <c>mlContext.Model.Save</c> writes
/// standard ML.NET transforms, so <c>mlContext.Model.Load</c> gives a working model in any process that references the detector's package.
/// </summary>
public abstract class DetectorTransformer : ITransformer
{
    private protected DetectorTransformer(string featureColumnName, float threshold)
    {
        FeatureColumnName = featureColumnName;
        Threshold = threshold;
    }

    /// <summary>The feature column the model reads: a vector of <see cref="InputSize"/> Single values.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The decision threshold on <c>Score</c>: <c>PredictedLabel</c> is true when Score &gt; Threshold.</summary>
    public float Threshold { get; }

    /// <summary>Number of input values per row.</summary>
    public abstract int InputSize { get; }

    /// <summary>Always true: the model can score one row at a time (what <c>PredictionEngine</c> needs).</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The MLContext environment warnings go to (rows that could not be scored), when the model has one.</summary>
    internal IHostEnvironment? Environment { get; init; }

    /// <summary>The detector's name in messages, e.g. "Deep SVDD".</summary>
    private protected abstract string DetectorName { get; }

    /// <summary>What to do instead of ML.NET's <c>ConvertToOnnx</c>, or null when the detector has no ONNX export.</summary>
    private protected abstract string? OnnxExportAdvice { get; }

    /// <summary>The scorer behind both scoring paths.</summary>
    private protected abstract IBatchScorer BatchScorer { get; }

    /// <summary>Rows per batch of <see cref="Transform"/>.</summary>
    private protected abstract int TransformBatchRows { get; }

    /// <summary>The input schema plus <c>Score</c> (Single) and <c>PredictedLabel</c> (Boolean); checks the feature column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a vector of Single, or of another size than the model's.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateSchema(inputSchema).Schema;

    /// <summary>
    /// Scores lazily, a batch of rows at a time (on the model's device, or on all cores for the baselines). A row with a NaN or infinite
    /// feature scores +∞ with PredictedLabel true; a pass over the result that met such rows logs one warning with their count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a vector of Single, or of another size than the model's.</exception>
    /// <exception cref="NotSupportedException">
    /// Called by ML.NET's <c>mlContext.Model.ConvertToOnnx</c>, which cannot convert this model (the message names the library's own export,
    /// when the detector has one).
    /// </exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OnnxConversionGuard.ThrowIfConverting(DetectorName, OnnxExportAdvice);
        return new BatchScoringDataView(input, BatchScorer, Threshold, CreateSchema(input.Schema), TransformBatchRows, DetectorName, Environment);
    }

    /// <summary>A row-by-row scorer (used by <c>PredictionEngine</c>).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new RowScorer(BatchScorer, Threshold, CreateSchema(inputSchema));

    /// <summary>Writes the model as standard ML.NET transforms; called by <c>mlContext.Model.Save</c>.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)BuildSavedTransforms()).Save(ctx);

    /// <summary>The Score and PredictedLabel of one row, as the saved model's scoring mapping gives them (checking the row's length).</summary>
    internal (float Score, bool PredictedLabel) ScoreSavedRow(float[] features)
    {
        FeatureRowCheck.CheckLength(features.Length, InputSize, FeatureColumnName, row: null);
        float score = NonFiniteFeatures.ScoreRow(BatchScorer, features);
        return (score, NonFiniteFeatures.IsAnomaly(score, Threshold));
    }

    /// <summary>The run of standard ML.NET transforms the model is saved as (its state inside a ValueMapping).</summary>
    private protected abstract TransformerChain<ITransformer> BuildSavedTransforms();

    /// <summary>The threshold, checked: <paramref name="threshold"/> must be a number.</summary>
    private protected static float CheckThreshold(float threshold) =>
        float.IsNaN(threshold) ? throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold must be a number.") : threshold;

    private OutputSchema CreateSchema(DataViewSchema input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new OutputSchema(input, FeatureColumnName, InputSize,
            BatchScorer is IMapScorer { HasMaps: true } maps ? (maps.MapHeight, maps.MapWidth) : null);
    }
}
