namespace MLNet.DeepSvdd.Selection;

/// <summary>One trial of a <see cref="DetectorSearch"/>: which candidate was trained, for how long, and how it did on the validation set.</summary>
/// <param name="Number">The trial's position in execution order, from 1.</param>
/// <param name="Candidate">The candidate's name (<see cref="Candidates.DetectorCandidate.Name"/>).</param>
/// <param name="Family">The detector family: "Deep SVDD", "One-class SVM", "Isolation Forest" or a custom candidate's.</param>
/// <param name="Parameters">The candidate's settings, as name → value text.</param>
/// <param name="Rung">The successive-halving round, from 0 (always 0 for grid and random search).</param>
/// <param name="Epochs">Training epochs of this trial; null for detectors that do not train in epochs.</param>
/// <param name="SelectedEpoch">The epoch Deep SVDD kept (best validation AUC; 0 = the untrained network); null for other detectors.</param>
/// <param name="ValidationAuc">ROC AUC of the trial's scores on the validation set; NaN when the trial did not produce scores.</param>
/// <param name="Started">When the trial started, measured from the start of the search.</param>
/// <param name="Duration">Wall-clock time of the trial: training plus validation scoring (shared feature extraction is timed in its first trial).</param>
/// <param name="Verdict">How the trial ended; only <see cref="TrialVerdict.Completed"/> trials can be selected.</param>
/// <param name="Message">Why a trial was not completed (collapse reason, exception message); null otherwise.</param>
public sealed record TrialResult(
    int Number,
    string Candidate,
    string Family,
    IReadOnlyDictionary<string, string> Parameters,
    int Rung,
    int? Epochs,
    int? SelectedEpoch,
    double ValidationAuc,
    TimeSpan Started,
    TimeSpan Duration,
    TrialVerdict Verdict,
    string? Message)
{
    /// <summary>True when the trial can be selected: it completed with a finite validation AUC.</summary>
    public bool IsEligible => Verdict == TrialVerdict.Completed && double.IsFinite(ValidationAuc);
}
