namespace MLNet.DeepSvdd.Training;

/// <summary>
/// What the trained part of φ takes for a set of rows (training or validation): the frozen stages' outputs computed once and kept on the
/// device when they fit the memory budget (<see cref="DeepSvddTrainer.Options.FrozenActivationCacheMegabytes"/>), otherwise computed
/// without gradient for every batch. The frozen stages are in evaluation mode, so both give the same values.
/// </summary>
internal sealed class StagedInputs : IDisposable
{
    private readonly Tensor rows;
    private readonly Tensor? cached;
    private readonly FrozenStages frozen;

    private StagedInputs(Tensor rows, Tensor? cached, FrozenStages frozen)
    {
        this.rows = rows;
        this.cached = cached;
        this.frozen = frozen;
    }

    /// <summary>Number of rows.</summary>
    public long Rows => rows.shape[0];

    /// <summary>Whether the frozen stages' outputs are held in memory.</summary>
    public bool IsCached => cached is not null;

    /// <summary>Bytes the cache holds (0 without one).</summary>
    public long CachedBytes => cached is null ? 0 : cached.numel() * cached.element_size();

    /// <summary>
    /// Wraps <paramref name="rows"/> (flat rows on the device); with frozen stages and a budget, computes their frozen outputs in batches of
    /// <paramref name="batchRows"/> and keeps them when all of them take at most <paramref name="budgetBytes"/>.
    /// </summary>
    public static StagedInputs Create(Tensor rows, FrozenStages frozen, int batchRows, long budgetBytes, Action? checkCanceled = null)
    {
        long n = rows.shape[0];
        if (frozen.Count == 0 || budgetBytes <= 0 || n == 0) return new StagedInputs(rows, null, frozen);
        using var scope = NewDisposeScope();
        var first = frozen.Leading(rows.narrow(0, 0, Math.Min(batchRows, n)));
        long bytesPerRow = first.numel() / first.shape[0] * first.element_size();
        if (bytesPerRow * n > budgetBytes) return new StagedInputs(rows, null, frozen);
        var cache = empty([n, .. first.shape.Skip(1)], first.dtype, first.device);
        cache.narrow(0, 0, first.shape[0]).copy_(first);
        for (long start = first.shape[0]; start < n; start += batchRows)
        {
            using var batchScope = NewDisposeScope();
            long count = Math.Min(batchRows, n - start);
            cache.narrow(0, start, count).copy_(frozen.Leading(rows.narrow(0, start, count)));
            checkCanceled?.Invoke();
        }
        return new StagedInputs(rows, cache.DetachFromDisposeScope(), frozen);
    }

    /// <summary>The trained part's input for the rows at <paramref name="index"/>.</summary>
    public Tensor Select(Tensor index) => cached?.index_select(0, index) ?? frozen.Leading(rows.index_select(0, index));

    /// <summary>The trained part's input for rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    public Tensor Slice(long start, long count) => cached?.narrow(0, start, count) ?? frozen.Leading(rows.narrow(0, start, count));

    /// <summary>φ of rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) (under the caller's gradient mode).</summary>
    public Tensor Features(long start, long count)
    {
        using var scope = NewDisposeScope();
        return frozen.Trailing(Slice(start, count)).MoveToOuterDisposeScope();
    }

    public void Dispose() => cached?.Dispose();
}
