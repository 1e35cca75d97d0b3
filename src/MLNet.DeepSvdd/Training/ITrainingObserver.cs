namespace MLNet.DeepSvdd.Training;

/// <summary>
/// Hears where a <c>Fit</c> enters and leaves each <see cref="FitPhase"/>, for benchmarks that want to know where the time goes (the CLI's
/// <c>bench</c> command). The trainer finds it on <see cref="DeepSvddTrainer.Options.Progress"/>: a progress sink that also implements
/// this interface hears the phase boundaries too. Called synchronously on the training thread; each <see cref="PhaseStarted"/> is
/// followed by the matching <see cref="PhaseEnded"/> unless the fit throws in between. Phases do not overlap, and
/// <see cref="FitPhase.Validation"/> occurs several times per fit.
/// </summary>
internal interface ITrainingObserver
{
    void PhaseStarted(FitPhase phase);

    void PhaseEnded(FitPhase phase);
}
