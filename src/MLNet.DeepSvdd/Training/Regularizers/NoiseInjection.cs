using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Training.Regularizers;

/// <summary>
/// Noise injection through the loss layer (eq. 4): a linear head g with k outputs on top of the features, trained with the sigmoid
/// cross-entropy −1/(nk)·Σ[y log σ(z) + (1 − y) log(1 − σ(z))] against labels y drawn uniformly from {0, 1} for every row and head at
/// every iteration. The labels carry no information, so the loss tends to log 2; its gradient injects noise that keeps the features from
/// collapsing. The head is discarded after training.
/// </summary>
internal sealed class NoiseInjection : ICollapseRegularizerLoss
{
    private readonly Linear head;
    private readonly Generator generator;

    public NoiseInjection(long representationDimension, int heads, Generator generator)
    {
        Heads = heads;
        this.generator = generator;
        head = nn.Linear(representationDimension, heads, hasBias: true);
        Networks.Initialization.Apply(head, generator);
    }

    public int Heads { get; }

    public IReadOnlyList<Parameter> Parameters => head.parameters().ToList();

    /// <summary>Draws a fresh n×k matrix of random binary labels (from the regularizer's own generator, on the CPU).</summary>
    public Tensor DrawLabels(long rows) =>
        torch.randint(0, 2, [rows, Heads], dtype: ScalarType.Float32, generator: generator);

    public Tensor Loss(Tensor features, int epoch)
    {
        using var scope = NewDisposeScope();
        var logits = head.forward(features);
        var labels = DrawLabels(features.shape[0]).to(features.device);
        return nn.functional.binary_cross_entropy_with_logits(logits, labels).MoveToOuterDisposeScope();
    }

    public void To(Device device) => head.to(device);

    public void Train(bool on) => head.train(on);

    public void Dispose() => head.Dispose();
}
