namespace MLNet.DeepSvdd;

/// <summary>
/// Whether a trained model suffers hypersphere collapse: the features of distinct inputs converge to one point (φ ≡ const), so every
/// input gets (almost) the same score and the detector cannot tell anything apart.
/// </summary>
/// <param name="IsCollapsed">True when the model is collapsed by the criteria below.</param>
/// <param name="MeanFeatureVariance">Mean over feature dimensions of the variance of φ(x) over the training rows.</param>
/// <param name="RelativeFeatureVariance"><paramref name="MeanFeatureVariance"/> divided by the mean squared entry of the centre c.</param>
/// <param name="ScoreSpread">(max − min) of the training scores divided by max(|median score|, 1e-12): 0 when all scores are equal.</param>
/// <param name="Tolerance">The relative tolerance the check used.</param>
/// <param name="Reason">A sentence that explains the verdict.</param>
public sealed record CollapseAssessment(
    bool IsCollapsed,
    double MeanFeatureVariance,
    double RelativeFeatureVariance,
    double ScoreSpread,
    double Tolerance,
    string Reason);
