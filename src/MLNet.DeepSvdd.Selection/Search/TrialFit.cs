namespace MLNet.DeepSvdd.Selection.Search;

/// <summary>What a candidate's fit returns to the trial runner.</summary>
/// <param name="Model">The fitted detector, taking the search's input rows (feature extraction included).</param>
/// <param name="ValidationScores">The Score of every validation row, in the validation set's order.</param>
/// <param name="SelectedEpoch">Deep SVDD's kept epoch; null for other detectors.</param>
/// <param name="CollapseReason">The detector's own collapse verdict when it reported one (Deep SVDD); null when it did not.</param>
internal sealed record TrialFit(ITransformer Model, float[] ValidationScores, int? SelectedEpoch, string? CollapseReason);
