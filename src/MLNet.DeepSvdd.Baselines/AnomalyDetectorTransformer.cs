using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.DeepSvdd.Baselines.Persistence;
using MLNet.DeepSvdd.Persistence;
using MLNet.DeepSvdd.Baselines.Scoring;
using MLNet.DeepSvdd.Scoring;

namespace MLNet.DeepSvdd.Baselines;

/// <summary>
/// What every fitted baseline detector shares (<see cref="IsolationForestTransformer"/>, <see cref="OneClassSvmTransformer"/>).
/// <see cref="Transform"/> adds two columns to its input: <c>Score</c> (<see cref="float"/>, higher = more anomalous) and
/// <c>PredictedLabel</c> (<see cref="bool"/>, Score &gt; <see cref="Threshold"/>), the columns <c>mlContext.AnomalyDetection.Evaluate</c>
/// reads. A row with a NaN or infinite feature is never called normal: on every scoring path its Score is +∞ and its PredictedLabel true,
/// and <see cref="Transform"/> logs their count once per pass through the MLContext's log.
/// <c>mlContext.Model.CreatePredictionEngine</c> scores row by row; <c>mlContext.Model.Save</c> writes standard ML.NET transforms, so
/// <c>mlContext.Model.Load</c> gives a working model in any process that references MLNet.DeepSvdd.Baselines, with the same scores.
/// </summary>
public abstract class AnomalyDetectorTransformer : ITransformer
{
    private protected AnomalyDetectorTransformer(IAnomalyScorer scorer, string featureColumnName, float threshold)
    {
        Scorer = scorer;
        FeatureColumnName = featureColumnName;
        Threshold = threshold;
    }

    /// <summary>The feature column the model reads: a vector of <see cref="InputSize"/> Single values.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The decision threshold on <c>Score</c>: <c>PredictedLabel</c> is true when Score &gt; Threshold.</summary>
    public float Threshold { get; }

    /// <summary>Number of input values per row.</summary>
    public int InputSize => Scorer.InputSize;

    /// <summary>Always true: the model can score one row at a time (what <c>PredictionEngine</c> needs).</summary>
    public bool IsRowToRowMapper => true;

    internal IAnomalyScorer Scorer { get; }

    /// <summary>The MLContext environment warnings go to (rows that could not be scored), when the model has one.</summary>
    internal IHostEnvironment? Environment { get; init; }

    /// <summary>The score of one row of <see cref="InputSize"/> values, as the <c>Score</c> column would hold it.</summary>
    /// <remarks>A row with a NaN or infinite value scores +∞.</remarks>
    /// <exception cref="ArgumentException">The row does not have <see cref="InputSize"/> values.</exception>
    public float Score(ReadOnlySpan<float> features)
    {
        if (features.Length != InputSize)
            throw new ArgumentException(FeatureRowCheck.LengthMessage(features.Length, InputSize, FeatureColumnName, row: null), nameof(features));
        return RowScoring.Score(Scorer, features);
    }

    /// <summary>The input schema plus <c>Score</c> (Single) and <c>PredictedLabel</c> (Boolean); checks the feature column.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateSchema(inputSchema).Schema;

    /// <summary>
    /// Scores lazily, a batch of rows at a time on all cores. A row with a NaN or infinite feature scores +∞ with PredictedLabel true; a pass
    /// over the result that met such rows logs one warning with their count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a vector of Single, or of another size than the model's.</exception>
    /// <exception cref="NotSupportedException">
    /// Called by ML.NET's <c>mlContext.Model.ConvertToOnnx</c>, which cannot convert this model: use
    /// <see cref="BaselineOnnxExport.ExportBaselineToOnnx(ModelOperationsCatalog, ITransformer, Stream)"/>.
    /// </exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OnnxConversionGuard.ThrowIfConverting(Scorer.Kind,
            "Export the detector with mlContext.Model.ExportBaselineToOnnx(detector, stream) (MLNet.DeepSvdd.Baselines); convert the steps before it separately.");
        return new BatchScoringDataView(input, new ParallelBatchScorer(Scorer), Threshold, CreateSchema(input.Schema), batchSize: 256,
            Scorer.Kind, Environment);
    }

    /// <summary>A row-by-row scorer (used by <c>PredictionEngine</c>).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new RowScorer(new ParallelBatchScorer(Scorer), Threshold, CreateSchema(inputSchema));

    /// <summary>Writes the model as standard ML.NET transforms; called by <c>mlContext.Model.Save</c>.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)SavedModelChain.Build(this)).Save(ctx);

    private protected static float CheckThreshold(float threshold) =>
        float.IsNaN(threshold) ? throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold must be a number.") : threshold;

    private OutputSchema CreateSchema(DataViewSchema input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new OutputSchema(input, FeatureColumnName, InputSize);
    }
}
