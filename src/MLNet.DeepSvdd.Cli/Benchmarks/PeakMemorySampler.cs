namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>
/// The highest working set of the process while it runs: a background thread reads <see cref="Environment.WorkingSet"/> every few
/// milliseconds. Unlike <c>Process.PeakWorkingSet64</c> it can be restarted, so each measurement gets its own peak.
/// </summary>
public sealed class PeakMemorySampler : IDisposable
{
    private readonly Thread thread;
    private readonly int intervalMs;
    private volatile bool stop;
    private long peak;

    private PeakMemorySampler(int intervalMs)
    {
        this.intervalMs = intervalMs;
        peak = Environment.WorkingSet;
        thread = new Thread(Sample) { IsBackground = true, Name = "peak-memory-sampler" };
        thread.Start();
    }

    /// <summary>Starts sampling now.</summary>
    public static PeakMemorySampler Start(int intervalMs = 5) => new(intervalMs);

    /// <summary>Stops sampling and returns the highest working set seen, in bytes (the current one included).</summary>
    public long Stop()
    {
        stop = true;
        thread.Join();
        return Math.Max(Interlocked.Read(ref peak), Environment.WorkingSet);
    }

    private void Sample()
    {
        while (!stop)
        {
            long now = Environment.WorkingSet;
            if (now > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, now);
            Thread.Sleep(intervalMs);
        }
    }

    /// <summary>The working set after a full, compacting garbage collection (finalizers run, so released tensors free native memory).</summary>
    public static long SettledWorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Environment.WorkingSet;
    }

    /// <summary>Stops the thread if <see cref="Stop"/> was not called.</summary>
    public void Dispose()
    {
        if (!stop) Stop();
    }
}
