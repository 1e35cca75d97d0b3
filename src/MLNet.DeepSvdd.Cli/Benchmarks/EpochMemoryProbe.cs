using System.Text.RegularExpressions;
using Microsoft.ML;

namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>
/// Records the process's working set after each training epoch, after a full garbage collection: the trainer logs "Epoch k/n: …" through
/// <see cref="MLContext.Log"/> on its own thread when an epoch ends, and the probe measures right then. A working set that keeps rising
/// from epoch to epoch would mean native (libtorch) memory leaking per batch or per epoch.
/// </summary>
public sealed partial class EpochMemoryProbe : IDisposable
{
    private readonly MLContext ml;
    private readonly List<EpochMemory> epochs = [];

    /// <summary>Starts listening to <paramref name="ml"/>'s log.</summary>
    public EpochMemoryProbe(MLContext ml)
    {
        this.ml = ml;
        ml.Log += OnLog;
    }

    /// <summary>The measurements so far, one per finished epoch.</summary>
    public IReadOnlyList<EpochMemory> Epochs => epochs;

    private void OnLog(object? sender, LoggingEventArgs e)
    {
        var match = EpochLine().Match(e.Message);
        if (!match.Success) return;
        double mb = PeakMemorySampler.SettledWorkingSet() / 1_048_576.0;
        lock (epochs) epochs.Add(new EpochMemory(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), mb));
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => ml.Log -= OnLog;

    [GeneratedRegex(@"Epoch (\d+)/(\d+):")]
    private static partial Regex EpochLine();
}
