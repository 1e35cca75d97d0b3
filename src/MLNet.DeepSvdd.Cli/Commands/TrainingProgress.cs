using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.ML;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>Prints the trainer's "Epoch k/n: …" log lines with the elapsed time and an ETA (mean epoch time × epochs left).</summary>
internal sealed partial class TrainingProgress
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Action<string> write;

    public TrainingProgress(MLContext ml, Action<string> write)
    {
        this.write = write;
        ml.Log += (_, e) =>
        {
            var match = EpochLine().Match(e.Message);
            if (!match.Success) return;
            int k = int.Parse(match.Groups[1].Value), n = int.Parse(match.Groups[2].Value);
            var eta = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / k * (n - k));
            this.write($"  {e.Message[match.Index..]}  [{clock.Elapsed:mm\\:ss} elapsed, ETA {eta:mm\\:ss}]");
        };
    }

    [GeneratedRegex(@"Epoch (\d+)/(\d+):")]
    private static partial Regex EpochLine();
}
