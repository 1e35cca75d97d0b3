namespace MLNet.DeepSvdd;

/// <summary>The output columns of a Deep SVDD model: Score and PredictedLabel.</summary>
public sealed class DeepSvddPrediction : ISavedPredictionRow
{
    /// <summary>Anomaly score, higher = more anomalous: ‖φ(x) − c‖² (one-class) or ‖φ(x) − c‖² − R² (soft-boundary).</summary>
    public float Score { get; set; }

    /// <summary>True when <see cref="Score"/> is above the model's threshold (<c>DeepSvddTransformer.Threshold</c>).</summary>
    public bool PredictedLabel { get; set; }
}
