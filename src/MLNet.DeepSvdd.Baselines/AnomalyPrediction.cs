namespace MLNet.DeepSvdd.Baselines;

/// <summary>The output columns of a baseline detector, for <c>PredictionEngine</c>: Score and PredictedLabel.</summary>
public sealed class AnomalyPrediction : ISavedPredictionRow
{
    /// <summary>Anomaly score, higher = more anomalous (see the detector's documentation for its definition).</summary>
    public float Score { get; set; }

    /// <summary>True when <see cref="Score"/> is above the detector's <see cref="DetectorTransformer.Threshold"/>.</summary>
    public bool PredictedLabel { get; set; }
}
