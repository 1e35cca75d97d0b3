namespace MLNet.DeepSvdd.Selection;

/// <summary>Reported through <see cref="DetectorSearch.Options.Progress"/> after every trial.</summary>
/// <param name="Trial">The trial that just ended.</param>
/// <param name="CompletedTrials">Trials run so far, this one included.</param>
/// <param name="PlannedTrials">Trials the strategy plans in all (an estimate for successive halving, whose later rounds depend on failures).</param>
/// <param name="Best">The best eligible trial so far among the candidates still in the search; null when none is eligible yet.</param>
/// <param name="Elapsed">Time since the search started.</param>
/// <param name="EstimatedRemaining">Estimated time to the end of the search, from the time per epoch (per fit for shallow detectors) measured
/// so far and capped by the time budget; null before the first estimate.</param>
public sealed record SearchProgress(
    TrialResult Trial,
    int CompletedTrials,
    int PlannedTrials,
    TrialResult? Best,
    TimeSpan Elapsed,
    TimeSpan? EstimatedRemaining);
