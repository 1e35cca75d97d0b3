namespace MLNet.DeepSvdd;

/// <summary>
/// How a two-branch model (<see cref="DeepSvddRepresentation.PooledAndPatches"/>) chose the branches that score: the validation AUC of the
/// kept epoch when both branches score (each standardised, the larger taken), when the pooled branch scores alone and when the patch branch
/// scores alone, and the choice (both on a tie). Recorded only when a validation set with anomalies was given (<see cref="TrainingReport.Branches"/>).
/// </summary>
/// <param name="BothAuc">Validation AUC of the score that takes the larger of the two standardised branch scores.</param>
/// <param name="PooledAuc">Validation AUC of the pooled branch alone.</param>
/// <param name="PatchesAuc">Validation AUC of the patch branch alone (its reduced anomaly map).</param>
/// <param name="ScoredWith">The choice: <see cref="DeepSvddRepresentation.PooledAndPatches"/> (both), <see cref="DeepSvddRepresentation.Pooled"/>
/// or <see cref="DeepSvddRepresentation.Patches"/>. The anomaly map is the patch branch's whatever the choice.</param>
public sealed record BranchValidation(double BothAuc, double PooledAuc, double PatchesAuc, DeepSvddRepresentation ScoredWith);
