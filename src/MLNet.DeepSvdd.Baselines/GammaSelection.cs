namespace MLNet.DeepSvdd.Baselines;

/// <summary>One γ tried by <see cref="OneClassSvmTrainer.SelectGamma"/>: its validation ROC AUC and the model's number of support vectors.</summary>
/// <param name="Gamma">The value of γ.</param>
/// <param name="Auc">ROC AUC of the model's scores on the validation data.</param>
/// <param name="SupportVectorCount">Support vectors of the model trained with this γ.</param>
public sealed record GammaCandidate(double Gamma, double Auc, int SupportVectorCount);

/// <summary>The result of <see cref="OneClassSvmTrainer.SelectGamma"/>.</summary>
/// <param name="BestGamma">The γ with the highest validation AUC (the earliest in the grid on ties).</param>
/// <param name="BestAuc">Its validation AUC.</param>
/// <param name="Candidates">Every γ of the grid, in grid order, with its AUC.</param>
/// <param name="Model">The model trained with <paramref name="BestGamma"/>.</param>
public sealed record GammaSelection(double BestGamma, double BestAuc, IReadOnlyList<GammaCandidate> Candidates, OneClassSvmTransformer Model);
