namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>The working set after one epoch (after a full garbage collection).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="WorkingSetMb">Working set of the process.</param>
public sealed record EpochMemory(int Epoch, double WorkingSetMb);

/// <summary>The working set epoch by epoch over one longer fit.</summary>
/// <param name="Images">Training images.</param>
/// <param name="Size">Image side in pixels.</param>
/// <param name="Epochs">One entry per epoch.</param>
public sealed record EpochMemoryRun(int Images, int Size, IReadOnlyList<EpochMemory> Epochs)
{
    /// <summary>Last epoch minus first epoch, MB.</summary>
    public double GrowthMb => Epochs.Count == 0 ? 0 : Epochs[^1].WorkingSetMb - Epochs[0].WorkingSetMb;

    /// <summary>Last epoch minus the second (the first epoch may still fill allocator caches), MB; 0 with fewer than 3 epochs.</summary>
    public double SteadyGrowthMb => Epochs.Count < 3 ? 0 : Epochs[^1].WorkingSetMb - Epochs[1].WorkingSetMb;

    /// <summary>Least-squares slope of the working set over the epochs after the first, MB per epoch; 0 with fewer than 3 epochs.</summary>
    public double SlopeMbPerEpoch
    {
        get
        {
            var points = Epochs.Skip(1).ToList();
            if (points.Count < 2) return 0;
            double mx = points.Average(p => (double)p.Epoch), my = points.Average(p => p.WorkingSetMb);
            double sxy = points.Sum(p => (p.Epoch - mx) * (p.WorkingSetMb - my)), sxx = points.Sum(p => (p.Epoch - mx) * (p.Epoch - mx));
            return sxx > 0 ? sxy / sxx : 0;
        }
    }
}
