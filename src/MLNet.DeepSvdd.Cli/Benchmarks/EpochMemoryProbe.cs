namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>
/// Records the process's working set after each training epoch, after a full garbage collection: set it as the trainer's
/// <see cref="DeepSvddTrainer.Options.Progress"/>, which reports each epoch synchronously on the training thread when it ends, and the probe
/// measures right then (epoch 0, the network before training, is skipped). A working set that keeps rising from epoch to epoch would mean
/// native (libtorch) memory leaking per batch or per epoch.
/// </summary>
public sealed class EpochMemoryProbe : IProgress<EpochProgress>
{
    private readonly List<EpochMemory> epochs = [];

    /// <summary>The measurements so far, one per finished epoch.</summary>
    public IReadOnlyList<EpochMemory> Epochs => epochs;

    /// <summary>Measures the settled working set after a training epoch.</summary>
    public void Report(EpochProgress value)
    {
        if (value.Report.Epoch == 0) return;
        double mb = PeakMemorySampler.SettledWorkingSet() / 1_048_576.0;
        lock (epochs) epochs.Add(new EpochMemory(value.Report.Epoch, mb));
    }
}
