namespace MLNet.DeepSvdd.Baselines.Svm;

/// <summary>
/// The kernel-row cache of LIBSVM (Chang &amp; Lin, class <c>Cache</c>): row i holds the first <c>length[i]</c> entries of row i of the
/// kernel matrix (in the solver's current order), rows are evicted least-recently-used first when the total would exceed the budget, and
/// a row is extended, not recomputed, when a longer prefix is asked for. The budget is in floats; at least two full rows always fit.
/// </summary>
internal sealed class KernelCache
{
    private readonly float[]?[] rows;
    private readonly int[] length;
    private readonly int[] previous;
    private readonly int[] next;
    private readonly int sentinel;
    private long available;

    /// <param name="count">Number of rows (training points).</param>
    /// <param name="budgetBytes">The memory the cached rows may use.</param>
    public KernelCache(int count, long budgetBytes)
    {
        rows = new float[]?[count];
        length = new int[count];
        previous = new int[count + 1];
        next = new int[count + 1];
        sentinel = count;
        previous[sentinel] = next[sentinel] = sentinel;
        available = Math.Max(budgetBytes / sizeof(float), 2L * count);
        Capacity = available;
    }

    /// <summary>The budget, in floats.</summary>
    public long Capacity { get; }

    /// <summary>Floats held by cached rows now.</summary>
    public long Used => Capacity - available;

    /// <summary>
    /// The buffer of row <paramref name="index"/>, at least <paramref name="needed"/> long, marked most recently used. Entries before
    /// <paramref name="valid"/> are already filled; the caller fills [valid, needed).
    /// </summary>
    public float[] Get(int index, int needed, out int valid)
    {
        if (length[index] > 0) Unlink(index);
        int have = length[index];
        int more = needed - have;
        valid = needed;
        if (more > 0)
        {
            while (available < more) Evict(next[sentinel]);
            var grown = new float[needed];
            if (have > 0) Array.Copy(rows[index]!, grown, have);
            rows[index] = grown;
            available -= more;
            length[index] = needed;
            valid = have;
        }
        Append(index);
        return rows[index]!;
    }

    /// <summary>Follows the solver's swap of points i and j: swaps their rows, and swaps or drops columns i and j of every cached row.</summary>
    public void Swap(int i, int j)
    {
        if (i == j) return;
        if (length[i] > 0) Unlink(i);
        if (length[j] > 0) Unlink(j);
        (rows[i], rows[j]) = (rows[j], rows[i]);
        (length[i], length[j]) = (length[j], length[i]);
        if (length[i] > 0) Append(i);
        if (length[j] > 0) Append(j);
        if (i > j) (i, j) = (j, i);
        for (int h = next[sentinel]; h != sentinel;)
        {
            int following = next[h];
            if (length[h] > i)
            {
                if (length[h] > j)
                {
                    var row = rows[h]!;
                    (row[i], row[j]) = (row[j], row[i]);
                }
                else
                {
                    Evict(h);
                }
            }
            h = following;
        }
    }

    private void Evict(int index)
    {
        Unlink(index);
        available += length[index];
        rows[index] = null;
        length[index] = 0;
    }

    private void Unlink(int index)
    {
        next[previous[index]] = next[index];
        previous[next[index]] = previous[index];
    }

    private void Append(int index)
    {
        next[index] = sentinel;
        previous[index] = previous[sentinel];
        next[previous[index]] = index;
        previous[sentinel] = index;
    }
}
