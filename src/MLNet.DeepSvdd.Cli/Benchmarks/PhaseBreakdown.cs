namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>How the wall time of one <c>Fit</c> splits into its phases, in seconds, as a <see cref="PhaseClock"/> measured them.</summary>
/// <param name="Loading">Reading the IDataView into a tensor.</param>
/// <param name="InputStatistics">Mean and standard deviation of the input.</param>
/// <param name="Center">The forward pass that fixes the centre c (and the frozen stages' outputs, when they are computed once).</param>
/// <param name="Steps">The optimizer steps of all epochs.</param>
/// <param name="Validation">Validation scoring before training and after each epoch, and keeping the best epoch's weights (0 without a validation set).</param>
/// <param name="Final">Restoring the best epoch, the final scoring pass over the training data, collapse check and threshold.</param>
/// <param name="Other">The rest: option and schema checks, network construction, per-epoch bookkeeping and logging.</param>
/// <param name="Total">The whole fit as the trainer timed it (<see cref="TrainingReport.Duration"/>).</param>
public sealed record PhaseBreakdown(double Loading, double InputStatistics, double Center, double Steps, double Validation, double Final,
    double Other, double Total)
{
    /// <summary>The named phases and their seconds, in order (Other and Total excluded).</summary>
    public IReadOnlyList<(string Name, double Seconds)> Phases =>
        [("loading", Loading), ("input stats", InputStatistics), ("centre", Center), ("steps", Steps), ("validation", Validation), ("final pass", Final)];
}
