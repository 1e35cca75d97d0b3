namespace MLNet.DeepSvdd.Training.Weighting;

/// <summary>Fixed weighting: c_t = 1 for every iteration (the "without adaptive weighting" rows of Table I).</summary>
internal sealed class FixedWeight(Device device) : IRegularizerWeight
{
    private readonly Tensor one = ones([], ScalarType.Float32, device).DetachFromDisposeScope();

    public Tensor Next(Tensor svddLoss, Tensor regularizerLoss) => one;

    public double Current => 1.0;

    public void Dispose() => one.Dispose();
}
