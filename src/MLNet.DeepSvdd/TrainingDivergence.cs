namespace MLNet.DeepSvdd;

/// <summary>
/// A training that diverged and was stopped without an exception (<see cref="DeepSvddTrainer.Options.ThrowOnDivergence"/> = false): the model
/// holds the best validation epoch before the divergence, as the paper reports its runs at high learning rates (Table V).
/// </summary>
/// <param name="Epoch">The epoch (1-based) whose losses showed the divergence; training stopped after it, and it is never the kept epoch.</param>
/// <param name="Reason">What diverged, e.g. "in epoch 3 the SVDD loss is NaN".</param>
public sealed record TrainingDivergence(int Epoch, string Reason);
