namespace MLNet.DeepSvdd.Baselines.Geo;

/// <summary>The output columns of a GEO model: Score and PredictedLabel.</summary>
public sealed class GeoPrediction : ISavedPredictionRow
{
    /// <summary>Anomaly score, higher = more anomalous: minus GEO's normality score Σ_t Σ_k (α_tk − 1) log y_tk.</summary>
    public float Score { get; set; }

    /// <summary>True when <see cref="Score"/> is above the model's threshold (<see cref="DetectorTransformer.Threshold"/>).</summary>
    public bool PredictedLabel { get; set; }
}
