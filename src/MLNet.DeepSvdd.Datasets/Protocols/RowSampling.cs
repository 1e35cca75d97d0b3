using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>The random decisions of the protocols: an independent seeded stream per purpose, shuffles, and limit reductions.</summary>
internal static class RowSampling
{
    /// <summary>What a random stream decides; each purpose has its own stream, so changing one limit does not reshuffle another part.</summary>
    public enum Purpose
    {
        TrainValidationSplit = 1,
        TrainOrder = 2,
        ValidationSubset = 3,
        TestSubset = 4,
        LabeledAnomalies = 5,
    }

    /// <summary>A <see cref="Random"/> seeded from the protocol's seed and the purpose (SplitMix64 of both).</summary>
    public static Random For(int seed, Purpose purpose) =>
        new((int)(AlterationSeed.Mix(((ulong)(uint)seed << 8) | (ulong)purpose) >> 33));

    /// <summary>The items in a random order.</summary>
    public static T[] Shuffled<T>(IEnumerable<T> items, Random random)
    {
        var array = items.ToArray();
        random.Shuffle(array);
        return array;
    }

    /// <summary>A random subset of <paramref name="count"/> items, in their original order.</summary>
    public static List<T> Subset<T>(IReadOnlyList<T> items, int count, Random random)
    {
        var chosen = Shuffled(Enumerable.Range(0, items.Count), random).Take(count).Order();
        return [.. chosen.Select(i => items[i])];
    }

    /// <summary>
    /// At most <paramref name="limit"/> of the labeled <paramref name="rows"/>, normal and anomalous rows shared per
    /// <paramref name="sampling"/>, each group a random subset, in the original order.
    /// </summary>
    public static List<PlannedRow> Reduce(IReadOnlyList<PlannedRow> rows, int? limit, LimitSampling sampling, Random random)
    {
        if (limit is null || limit.Value >= rows.Count) return [.. rows];
        var normal = Enumerable.Range(0, rows.Count).Where(i => rows[i].Label == 0).ToList();
        var anomalous = Enumerable.Range(0, rows.Count).Where(i => rows[i].Label > 0).ToList();
        var (normalCount, anomalousCount) = Shares(limit.Value, normal.Count, anomalous.Count, sampling);
        var keep = Subset(normal, normalCount, random).Concat(Subset(anomalous, anomalousCount, random)).Order();
        return [.. keep.Select(i => rows[i])];
    }

    /// <summary>How many normal and anomalous rows a limit keeps (limit &lt; normal + anomalous).</summary>
    internal static (int Normal, int Anomalous) Shares(int limit, int normal, int anomalous, LimitSampling sampling)
    {
        if (sampling == LimitSampling.Balanced)
        {
            int a = Math.Min(anomalous, limit / 2);
            int n = Math.Min(normal, limit - a);
            return (n, Math.Min(anomalous, limit - n));
        }
        int total = normal + anomalous;
        int share = (int)Math.Round((double)limit * normal / total, MidpointRounding.AwayFromZero);
        share = Math.Clamp(share, normal > 0 ? 1 : 0, Math.Min(normal, limit - (anomalous > 0 ? 1 : 0)));
        return (share, Math.Min(anomalous, limit - share));
    }
}
