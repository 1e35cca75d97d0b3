namespace MLNet.DeepSvdd.Baselines.Svm;

/// <summary>
/// The matrix Q of the one-class dual, Q_ij = K(x_i, x_j) (LIBSVM's <c>ONE_CLASS_Q</c>), in the solver's current order of the points:
/// rows come from a <see cref="KernelCache"/> and are computed on demand, in float as LIBSVM stores them, spread over the cores for long
/// rows (each entry is independent, so the values do not depend on the thread count).
/// </summary>
internal sealed class KernelMatrix
{
    private const long ParallelWork = 1 << 15;

    private readonly FeatureMatrix data;
    private readonly double gamma;
    private readonly int[] order;
    private readonly double[] diagonal;
    private readonly KernelCache cache;
    private readonly ParallelOptions parallel;

    public KernelMatrix(FeatureMatrix data, double gamma, long cacheBytes, int? threads)
    {
        this.data = data;
        this.gamma = gamma;
        order = Enumerable.Range(0, data.Rows).ToArray();
        diagonal = new double[data.Rows];
        for (int i = 0; i < data.Rows; i++) diagonal[i] = RbfKernel.Value(data.Row(i), data.Row(i), gamma);
        cache = new KernelCache(data.Rows, cacheBytes);
        parallel = new ParallelOptions { MaxDegreeOfParallelism = threads ?? -1 };
    }

    /// <summary>Kernel rows computed so far (cache misses, counting extensions of a cached prefix).</summary>
    public long RowsComputed { get; private set; }

    /// <summary>Q_ii.</summary>
    public double Diagonal(int i) => diagonal[i];

    /// <summary>Entries [0, <paramref name="length"/>) of row i. The array may be longer; it is valid until the next call.</summary>
    public float[] Row(int i, int length)
    {
        var row = cache.Get(i, length, out int valid);
        if (valid < length)
        {
            RowsComputed++;
            Fill(row, i, valid, length);
        }
        return row;
    }

    /// <summary>Swaps points i and j (the solver's shrinking moves inactive points to the end).</summary>
    public void Swap(int i, int j)
    {
        cache.Swap(i, j);
        (order[i], order[j]) = (order[j], order[i]);
        (diagonal[i], diagonal[j]) = (diagonal[j], diagonal[i]);
    }

    private void Fill(float[] row, int i, int start, int end)
    {
        int xi = order[i];
        if ((long)(end - start) * data.Columns < ParallelWork)
        {
            var x = data.Row(xi);
            for (int j = start; j < end; j++) row[j] = (float)RbfKernel.Value(x, data.Row(order[j]), gamma);
            return;
        }
        const int chunk = 256;
        int chunks = (end - start + chunk - 1) / chunk;
        Parallel.For(0, chunks, parallel, c =>
        {
            int from = start + c * chunk, to = Math.Min(end, from + chunk);
            var x = data.Row(xi);
            for (int j = from; j < to; j++) row[j] = (float)RbfKernel.Value(x, data.Row(order[j]), gamma);
        });
    }
}
