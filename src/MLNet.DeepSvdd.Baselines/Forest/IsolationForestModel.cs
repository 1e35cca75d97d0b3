namespace MLNet.DeepSvdd.Baselines.Forest;

/// <summary>
/// A trained isolation forest: the trees and the sub-sample size ψ. The score of x is s(x, ψ) = 2^(−E[h(x)] / c(ψ)), E[h(x)] the mean
/// path length over the trees (Liu, Ting &amp; Zhou 2008, eq. 2).
/// </summary>
internal sealed class IsolationForestModel : IAnomalyScorer
{
    public const string KindName = "IsolationForest";

    private readonly IsolationTree[] trees;

    private IsolationForestModel(IsolationTree[] trees, int sampleSize, int maxDepth, int inputSize)
    {
        this.trees = trees;
        SampleSize = sampleSize;
        MaxDepth = maxDepth;
        InputSize = inputSize;
    }

    public int InputSize { get; }

    public string Kind => KindName;

    public int SampleSize { get; }

    public int MaxDepth { get; }

    public int TreeCount => trees.Length;

    /// <summary>The trees (for the ONNX export).</summary>
    public IReadOnlyList<IsolationTree> Trees => trees;

    /// <summary>
    /// Grows <paramref name="treeCount"/> trees in parallel. Tree t uses its own random source, seeded by the t-th number drawn from
    /// <paramref name="seed"/> before any tree is grown, so the forest does not depend on how the threads are scheduled.
    /// </summary>
    /// <summary>Grows <paramref name="treeCount"/> trees in parallel; <paramref name="cancellationToken"/> stops it between trees.</summary>
    public static IsolationForestModel Train(FeatureMatrix data, int treeCount, int sampleSize, int maxDepth, int seed, int? threads,
        CancellationToken cancellationToken = default)
    {
        var master = new Random(seed);
        var seeds = new int[treeCount];
        for (int t = 0; t < treeCount; t++) seeds[t] = master.Next();
        var trees = new IsolationTree[treeCount];
        var parallelism = Parallelism(threads);
        parallelism.CancellationToken = cancellationToken;
        Parallel.For(0, treeCount, parallelism, t => trees[t] = IsolationTree.Grow(data, sampleSize, maxDepth, seeds[t]));
        return new IsolationForestModel(trees, sampleSize, maxDepth, data.Columns);
    }

    /// <summary>E[h(x)]: the mean path length of x over the trees.</summary>
    public double MeanPathLength(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var tree in trees) sum += tree.PathLength(x);
        return sum / trees.Length;
    }

    public double Score(ReadOnlySpan<float> features) => PathLength.AnomalyScore(MeanPathLength(features), SampleSize);

    /// <summary>The scores of every row, in parallel (rows are independent: the result does not depend on the thread count).</summary>
    public float[] ScoreAll(FeatureMatrix data, int? threads)
    {
        var scores = new float[data.Rows];
        Parallel.For(0, data.Rows, Parallelism(threads), i => scores[i] = (float)Score(data.Row(i)));
        return scores;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(InputSize);
        writer.Write(SampleSize);
        writer.Write(MaxDepth);
        writer.Write(trees.Length);
        foreach (var tree in trees) tree.Write(writer);
    }

    public static IsolationForestModel Read(BinaryReader reader)
    {
        int inputSize = reader.ReadInt32();
        int sampleSize = reader.ReadInt32();
        int maxDepth = reader.ReadInt32();
        int count = reader.ReadInt32();
        if (inputSize < 1 || sampleSize < 2 || count < 1) throw new InvalidDataException("The saved isolation forest is malformed.");
        var trees = new IsolationTree[count];
        for (int t = 0; t < count; t++) trees[t] = IsolationTree.Read(reader, inputSize);
        return new IsolationForestModel(trees, sampleSize, maxDepth, inputSize);
    }

    private static ParallelOptions Parallelism(int? threads) => new() { MaxDegreeOfParallelism = threads ?? -1 };
}
