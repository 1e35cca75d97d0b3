using MLNet.DeepSvdd.Training;

namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>
/// Times the phases of one <c>Fit</c> from outside the training loop: set it as <see cref="DeepSvddTrainer.Options.Progress"/>, and the
/// trainer tells it where each <see cref="FitPhase"/> starts and ends (<see cref="ITrainingObserver"/>), which it times with its own
/// stopwatch; the optimizer steps are the sum of the epochs' <see cref="EpochReport.Duration"/>s it hears as progress. Use one per fit.
/// </summary>
internal sealed class PhaseClock : IProgress<EpochProgress>, ITrainingObserver
{
    private readonly Dictionary<FitPhase, TimeSpan> phases = [];
    private readonly Stopwatch clock = new();
    private FitPhase? open;

    /// <summary>The sum of the reported epochs' durations (the optimizer steps).</summary>
    public TimeSpan Steps { get; private set; }

    /// <summary>The epochs heard so far, epoch 0 first.</summary>
    public List<EpochReport> Epochs { get; } = [];

    /// <summary>The time spent in <paramref name="phase"/> so far (all its occurrences).</summary>
    public TimeSpan this[FitPhase phase] => phases.GetValueOrDefault(phase);

    public void PhaseStarted(FitPhase phase)
    {
        if (open is { } other) throw new InvalidOperationException($"Phase {phase} started while {other} was running.");
        open = phase;
        clock.Restart();
    }

    public void PhaseEnded(FitPhase phase)
    {
        clock.Stop();
        if (open != phase) throw new InvalidOperationException($"Phase {phase} ended, but the running phase is {open?.ToString() ?? "none"}.");
        open = null;
        phases[phase] = this[phase] + clock.Elapsed;
    }

    public void Report(EpochProgress value)
    {
        Epochs.Add(value.Report);
        Steps += value.Report.Duration;
    }

    /// <summary>The breakdown of the fit that produced <paramref name="report"/>, whose duration is the total.</summary>
    public PhaseBreakdown Breakdown(TrainingReport report)
    {
        if (Epochs.Count == 0) throw new InvalidOperationException("No epoch was reported: set this clock as the Options.Progress of the fit.");
        double total = report.Duration.TotalSeconds;
        double[] named = [this[FitPhase.Loading].TotalSeconds, this[FitPhase.InputStatistics].TotalSeconds, this[FitPhase.Center].TotalSeconds,
            Steps.TotalSeconds, this[FitPhase.Validation].TotalSeconds, this[FitPhase.Final].TotalSeconds];
        return new PhaseBreakdown(named[0], named[1], named[2], named[3], named[4], named[5], total - named.Sum(), total);
    }
}
