using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// LeakyReLU, x for x ≥ 0 and slope·x below, as <c>torch.nn.LeakyReLU</c>, with its slope held as one libtorch scalar for the
/// module's life. TorchSharp 0.107's own module converts the slope on every call into a temporary that the garbage collector may
/// free while libtorch reads it (see <see cref="HeldScalar"/>). No parameters, so saved models and the ONNX export are unchanged.
/// </summary>
internal sealed class LeakyRelu : nn.Module<Tensor, Tensor>
{
    private readonly Scalar slope;

    /// <summary>A LeakyReLU with <paramref name="negativeSlope"/> for negative inputs (Deep SVDD's networks use 0.01).</summary>
    public LeakyRelu(double negativeSlope) : base("LeakyReLU")
    {
        NegativeSlope = negativeSlope;
        slope = negativeSlope.ToScalar();
    }

    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; }

    public override Tensor forward(Tensor input) => input.LeakyRelu(slope);

    protected override void Dispose(bool disposing)
    {
        if (disposing) slope.Dispose();
        base.Dispose(disposing);
    }
}
