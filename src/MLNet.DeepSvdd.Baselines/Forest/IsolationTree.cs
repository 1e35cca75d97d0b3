namespace MLNet.DeepSvdd.Baselines.Forest;

/// <summary>
/// One isolation tree (Liu, Ting &amp; Zhou 2008, Algorithm 2), stored flat in pre-order: node k is internal when
/// <c>feature[k] ≥ 0</c> (left child k + 1, right child <c>right[k]</c>, x goes left when x[feature] ≤ <c>value[k]</c>), or a leaf whose
/// <c>value[k]</c> is its path length: the depth plus c(size) for the points it still holds (Algorithm 3).
/// </summary>
internal sealed class IsolationTree
{
    private readonly int[] feature;
    private readonly double[] value;
    private readonly int[] right;

    private IsolationTree(int[] feature, double[] value, int[] right)
    {
        this.feature = feature;
        this.value = value;
        this.right = right;
    }

    public int NodeCount => feature.Length;

    /// <summary>
    /// Node <paramref name="k"/> in pre-order: for an internal node its split feature (≥ 0), split value and right child (the left child is
    /// k + 1); for a leaf feature −1 and its path length as the value.
    /// </summary>
    public (int Feature, double Value, int Right) Node(int k) => (feature[k], value[k], right[k]);

    /// <summary>
    /// Grows a tree on <paramref name="sampleSize"/> rows drawn without replacement with the tree's own random source (seeded by
    /// <paramref name="seed"/>, so trees can be grown in parallel). At each node the split feature is drawn uniformly among the features
    /// that are not constant on the node's points (as scikit-learn does; the paper draws among all), and the split value uniformly between
    /// that feature's minimum and maximum there. A node becomes a leaf at depth <paramref name="maxDepth"/>, with one point, or when every
    /// feature is constant on its points.
    /// </summary>
    public static IsolationTree Grow(FeatureMatrix data, int sampleSize, int maxDepth, int seed)
    {
        var random = new Random(seed);
        int[] rows = SampleWithoutReplacement(data.Rows, sampleSize, random);
        int[] features = Enumerable.Range(0, data.Columns).ToArray();
        var builder = new Builder(data, rows, features, maxDepth, random);
        builder.Grow(0, rows.Length, 0);
        return new IsolationTree([.. builder.Feature], [.. builder.Value], [.. builder.Right]);
    }

    /// <summary>h(x): the path length of <paramref name="x"/>, including the c(size) adjustment of the leaf it ends in.</summary>
    public double PathLength(ReadOnlySpan<float> x)
    {
        int k = 0;
        while (feature[k] >= 0) k = x[feature[k]] <= value[k] ? k + 1 : right[k];
        return value[k];
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(feature.Length);
        for (int k = 0; k < feature.Length; k++)
        {
            writer.Write(feature[k]);
            writer.Write(value[k]);
            writer.Write(right[k]);
        }
    }

    public static IsolationTree Read(BinaryReader reader, int inputSize)
    {
        int count = reader.ReadInt32();
        if (count < 1) throw new InvalidDataException($"An isolation tree in the model has {count} nodes.");
        var feature = new int[count];
        var value = new double[count];
        var right = new int[count];
        for (int k = 0; k < count; k++)
        {
            feature[k] = reader.ReadInt32();
            value[k] = reader.ReadDouble();
            right[k] = reader.ReadInt32();
            if (feature[k] >= inputSize || (feature[k] >= 0 && (right[k] <= k + 1 || right[k] >= count)))
                throw new InvalidDataException($"Node {k} of an isolation tree in the model is malformed.");
        }
        return new IsolationTree(feature, value, right);
    }

    /// <summary>Robert Floyd's algorithm: <paramref name="count"/> distinct indices of [0, n) in O(count) time and memory.</summary>
    private static int[] SampleWithoutReplacement(int n, int count, Random random)
    {
        if (count >= n)
        {
            var all = Enumerable.Range(0, n).ToArray();
            random.Shuffle(all);
            return all;
        }
        var chosen = new HashSet<int>(count);
        var order = new int[count];
        int filled = 0;
        for (int j = n - count; j < n; j++)
        {
            int t = random.Next(j + 1);
            int pick = chosen.Add(t) ? t : j;
            if (pick == j) chosen.Add(j);
            order[filled++] = pick;
        }
        return order;
    }

    private sealed class Builder(FeatureMatrix data, int[] rows, int[] features, int maxDepth, Random random)
    {
        public List<int> Feature { get; } = [];

        public List<double> Value { get; } = [];

        public List<int> Right { get; } = [];

        /// <summary>Grows the subtree of rows[start..end) at <paramref name="depth"/> and returns its root's index.</summary>
        public int Grow(int start, int end, int depth)
        {
            int node = Add(-1, 0, -1);
            int size = end - start;
            if (depth < maxDepth && size > 1)
            {
                for (int tried = 0; tried < features.Length; tried++)
                {
                    int pick = random.Next(tried, features.Length);
                    (features[tried], features[pick]) = (features[pick], features[tried]);
                    int f = features[tried];
                    var (min, max) = Range(start, end, f);
                    if (!(max > min)) continue;
                    double split = min + random.NextDouble() * (max - min);
                    if (split >= max) split = min;
                    int middle = Partition(start, end, f, split);
                    Feature[node] = f;
                    Value[node] = split;
                    Grow(start, middle, depth + 1);
                    Right[node] = Grow(middle, end, depth + 1);
                    return node;
                }
            }
            Value[node] = depth + Forest.PathLength.Average(size);
            return node;
        }

        private int Add(int f, double v, int r)
        {
            Feature.Add(f);
            Value.Add(v);
            Right.Add(r);
            return Feature.Count - 1;
        }

        private (double Min, double Max) Range(int start, int end, int f)
        {
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            var values = data.Values;
            int d = data.Columns;
            for (int i = start; i < end; i++)
            {
                float x = values[rows[i] * d + f];
                if (x < min) min = x;
                if (x > max) max = x;
            }
            return (min, max);
        }

        /// <summary>Reorders rows[start..end) so the rows with x[f] ≤ split come first; returns where the others begin.</summary>
        private int Partition(int start, int end, int f, double split)
        {
            var values = data.Values;
            int d = data.Columns;
            int i = start, j = end - 1;
            while (i <= j)
            {
                if (values[rows[i] * d + f] <= split)
                {
                    i++;
                }
                else
                {
                    (rows[i], rows[j]) = (rows[j], rows[i]);
                    j--;
                }
            }
            return i;
        }
    }
}
