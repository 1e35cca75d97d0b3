using MLNet.DeepSvdd.Training;

namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>How the wall time of one <c>Fit</c> splits into its phases, in seconds (see the trainer's report).</summary>
/// <param name="Loading">Reading the IDataView into a tensor.</param>
/// <param name="InputStatistics">Mean and standard deviation of the input.</param>
/// <param name="Center">The forward pass that fixes the centre c.</param>
/// <param name="Steps">The optimizer steps of all epochs.</param>
/// <param name="Validation">Per-epoch validation scoring (0 without a validation set).</param>
/// <param name="Final">The final scoring pass over the training data, collapse check and threshold.</param>
/// <param name="Other">The rest: option and schema checks, network construction, per-epoch bookkeeping and logging.</param>
/// <param name="Total">The whole fit as the trainer timed it.</param>
public sealed record PhaseBreakdown(double Loading, double InputStatistics, double Center, double Steps, double Validation, double Final,
    double Other, double Total)
{
    /// <summary>The named phases and their seconds, in order (Other and Total excluded).</summary>
    public IReadOnlyList<(string Name, double Seconds)> Phases =>
        [("loading", Loading), ("input stats", InputStatistics), ("centre", Center), ("steps", Steps), ("validation", Validation), ("final pass", Final)];

    /// <summary>The breakdown the trainer recorded in <paramref name="report"/>.</summary>
    /// <exception cref="InvalidOperationException">The report has no phases (it was restored from a saved model).</exception>
    internal static PhaseBreakdown Of(TrainingReport report)
    {
        var p = report.Phases ?? throw new InvalidOperationException("This training report has no phase timings (it comes from a saved model).");
        return new PhaseBreakdown(p.Loading.TotalSeconds, p.InputStatistics.TotalSeconds, p.Center.TotalSeconds, p.Steps.TotalSeconds,
            p.Validation.TotalSeconds, p.Final.TotalSeconds, p.Other.TotalSeconds, p.Total.TotalSeconds);
    }
}
