namespace MLNet.DeepSvdd.Training;

/// <summary>
/// The timed phases of one <c>Fit</c>, as an <see cref="ITrainingObserver"/> hears them. The optimizer steps are not among them: their time
/// is each epoch's <see cref="EpochReport.Duration"/>.
/// </summary>
internal enum FitPhase
{
    /// <summary>Reading the training (and validation) IDataView into tensors on the device.</summary>
    Loading,

    /// <summary>Mean and standard deviation of the input for standardisation.</summary>
    InputStatistics,

    /// <summary>The outputs of the frozen stages, when they are computed once, and the initial forward pass that fixes the centre c.</summary>
    Center,

    /// <summary>Scoring the validation set (before training and after each epoch) and keeping the best epoch's weights; once per occurrence.</summary>
    Validation,

    /// <summary>After the last epoch: restoring the best epoch, the scoring pass over the training data, the collapse check and the threshold.</summary>
    Final,
}
