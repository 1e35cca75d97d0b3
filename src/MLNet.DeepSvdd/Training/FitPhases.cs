namespace MLNet.DeepSvdd.Training;

/// <summary>
/// Where the wall time of one <c>Fit</c> went, phase by phase (for benchmarks; not saved with the model). The phases are disjoint
/// intervals inside <see cref="Total"/>; <see cref="Other"/> is the rest (option and schema checks, network construction, per-epoch
/// bookkeeping and logging).
/// </summary>
/// <param name="Loading">Reading the training (and validation) IDataView into tensors on the device.</param>
/// <param name="InputStatistics">Mean and standard deviation of the input for standardisation.</param>
/// <param name="Center">The initial forward pass that fixes the centre c.</param>
/// <param name="Steps">The optimizer steps of every epoch (the sum of the epochs' durations).</param>
/// <param name="Validation">Scoring the validation set after each epoch and keeping the best weights.</param>
/// <param name="Final">After the last epoch: restoring the best epoch, the scoring pass over the training data, collapse check, threshold.</param>
/// <param name="Total">The whole fit, the same as <see cref="TrainingReport.Duration"/>.</param>
internal sealed record FitPhases(TimeSpan Loading, TimeSpan InputStatistics, TimeSpan Center, TimeSpan Steps, TimeSpan Validation,
    TimeSpan Final, TimeSpan Total)
{
    /// <summary>The sum of the named phases.</summary>
    public TimeSpan Measured => Loading + InputStatistics + Center + Steps + Validation + Final;

    /// <summary>What the named phases do not cover.</summary>
    public TimeSpan Other => Total - Measured;
}
