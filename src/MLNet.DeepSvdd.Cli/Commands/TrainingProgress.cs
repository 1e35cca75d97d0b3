namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// Prints a line per training epoch from the trainer's <see cref="DeepSvddTrainer.Options.Progress"/> reports (epoch 0, the network before
/// training, is not printed): the epoch's figures, as the trainer's "Epoch k/n: …" log line gives them, then the time since this object was
/// created and an ETA (mean time per epoch so far × epochs left). Synchronous on purpose: each line is written on the training thread
/// before the next epoch starts, where <see cref="Progress{T}"/> would post it to the thread pool, possibly out of order or after Fit.
/// </summary>
internal sealed class TrainingProgress(Action<string> write) : IProgress<EpochProgress>
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private double stepSeconds;

    public void Report(EpochProgress value)
    {
        var e = value.Report;
        if (e.Epoch == 0) return;
        int k = e.Epoch, n = value.TotalEpochs;
        stepSeconds += e.Duration.TotalSeconds;
        double stepEta = stepSeconds / k * (n - k); // the trainer's own ETA, from the optimizer steps alone
        var elapsed = clock.Elapsed;
        var eta = TimeSpan.FromSeconds(elapsed.TotalSeconds / k * (n - k));
        write($"  Epoch {k}/{n}: svdd {e.SvddLoss:G4}, reg {e.RegularizerLoss:G4}, c_t {e.RegularizerWeight:G3}, feature variance {e.FeatureVariance:G3}" +
            $"{(e.ValidationAuc is double a ? $", validation AUC {a:F4}" : "")} — {e.Duration.TotalSeconds:F1} s, ETA {stepEta:F0} s" +
            $"  [{elapsed:mm\\:ss} elapsed, ETA {eta:mm\\:ss}]");
    }
}
