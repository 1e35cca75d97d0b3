using MLNet.DeepSvdd.Selection.Candidates;

namespace MLNet.DeepSvdd.Tests.Selection;

/// <summary>Small candidates for the search tests.</summary>
public static class SearchCandidates
{
    public static OneClassSvmCandidate Svm(double gammaScale, string name) =>
        new(new OneClassSvmTrainer.Options { Nu = 0.1, GammaScale = gammaScale }, name: name);

    public static IsolationForestCandidate Forest(int trees = 100, string? name = null) =>
        new(new IsolationForestTrainer.Options { NumberOfTrees = trees }, name: name);

    public static DeepSvddCandidate Mlp(int epochs, Action<DeepSvddTrainer.Options>? change = null, string? name = null)
    {
        var options = new DeepSvddTrainer.Options { Network = DeepSvddNetwork.Mlp, HiddenLayers = [16], RepresentationDimension = 8, Epochs = epochs, BatchSize = 50 };
        change?.Invoke(options);
        return new DeepSvddCandidate(options, name);
    }

    /// <summary>A detector that gives every row the same score: the textbook collapsed model.</summary>
    public static EstimatorCandidate Constant(string name = "constant score") =>
        new(name, (ml, _, _) => ml.Transforms.CustomMapping<NoInput, ConstantOutput>((_, output) => { output.Score = 1f; output.PredictedLabel = false; }, null),
            family: "Test");

    public sealed class NoInput
    {
    }

    public sealed class ConstantOutput
    {
        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }

    /// <summary>An IProgress that records synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    public sealed class Recorder<T> : IProgress<T>
    {
        public List<T> Reports { get; } = [];

        public void Report(T value)
        {
            lock (Reports) Reports.Add(value);
        }
    }
}
