namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// Tensor arithmetic with .NET numbers that keeps its libtorch scalar alive until libtorch has read it.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 turns a .NET number into a native <see cref="Scalar"/> whenever a tensor operation takes one (<c>x * 0.5</c>,
/// <c>x.add(y)</c>, whose α is 1, <c>x.square()</c>, which is <c>pow(2)</c>, <c>leaky_relu(0.01)</c>, BatchNorm's batch counter). The
/// temporary is unreachable as soon as its handle has been passed on, so the garbage collector may finalize it, and free the native
/// scalar, while libtorch is still reading it: the operation then fails ("Expected false to be true", "Unknown scalar type") or reads
/// a different number. With a collection running beside it, a loop of <c>x.leaky_relu(0.01)</c> fails within a second
/// (<c>ScalarLifetimeTests</c>); a CI run of this project failed that way in GEO's scoring. The open TorchSharp pull requests #1434
/// and #1496 dispose such temporaries. Until a release has them, every number this library hands to libtorch goes through this
/// class: the constants are static (never collected) and every other scalar is disposed after the call, which keeps it alive until
/// then. <c>ScalarLifetimeTests</c> reads the library's compiled code and fails on any other conversion.
/// </remarks>
internal static class HeldScalar
{
    /// <summary>The integer 0 (where a range starts).</summary>
    public static readonly Scalar Zero = 0.ToScalar();

    /// <summary>The integer 1 (libtorch's α of an addition, a range's step).</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>The integer 2 (the exponent of a square).</summary>
    public static readonly Scalar Two = 2.ToScalar();

    /// <summary><paramref name="tensor"/> + <paramref name="other"/>, as <c>tensor.add(other)</c> (α = 1).</summary>
    public static Tensor Plus(this Tensor tensor, Tensor other) => tensor.add(other, One);

    /// <summary>In place: <paramref name="tensor"/> += <paramref name="other"/>, as <c>tensor.add_(other)</c> (α = 1).</summary>
    public static Tensor AddInPlace(this Tensor tensor, Tensor other) => tensor.add_(other, One);

    /// <summary>In place: <paramref name="tensor"/> += <paramref name="alpha"/>·<paramref name="other"/>, as <c>tensor.add_(other, alpha)</c>.</summary>
    public static Tensor AddInPlace(this Tensor tensor, Tensor other, double alpha)
    {
        using var a = alpha.ToScalar();
        return tensor.add_(other, a);
    }

    /// <summary>The element-wise square, as <c>tensor.square()</c> (<c>pow(2)</c>).</summary>
    public static Tensor Squared(this Tensor tensor) => tensor.pow(Two);

    /// <summary>In place: the element-wise square, as <c>tensor.pow_(2)</c>.</summary>
    public static Tensor SquareInPlace(this Tensor tensor) => tensor.pow_(Two);

    /// <summary><paramref name="tensor"/> + <paramref name="value"/>.</summary>
    public static Tensor Plus(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.add(s, One);
    }

    /// <summary>In place: <paramref name="tensor"/> += <paramref name="value"/>.</summary>
    public static Tensor AddInPlace(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.add_(s, One);
    }

    /// <summary><paramref name="tensor"/> − <paramref name="value"/>.</summary>
    public static Tensor Minus(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.sub(s);
    }

    /// <summary>In place: <paramref name="tensor"/> −= <paramref name="value"/>.</summary>
    public static Tensor SubtractInPlace(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.sub_(s);
    }

    /// <summary><paramref name="tensor"/> · <paramref name="value"/>.</summary>
    public static Tensor Times(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.mul(s);
    }

    /// <summary><paramref name="tensor"/> · <paramref name="value"/>, with an integer scalar (an integer tensor stays integer).</summary>
    public static Tensor Times(this Tensor tensor, long value)
    {
        using var s = value.ToScalar();
        return tensor.mul(s);
    }

    /// <summary>In place: <paramref name="tensor"/> ·= <paramref name="value"/>.</summary>
    public static Tensor MultiplyInPlace(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.mul_(s);
    }

    /// <summary>In place: <paramref name="tensor"/> /= <paramref name="value"/>.</summary>
    public static Tensor DivideInPlace(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.div_(s);
    }

    /// <summary>In place: <paramref name="tensor"/> += <paramref name="value"/>·<paramref name="a"/>·<paramref name="b"/>, as <c>addcmul_</c>.</summary>
    public static Tensor AddProductInPlace(this Tensor tensor, Tensor a, Tensor b, double value)
    {
        using var s = value.ToScalar();
        return tensor.addcmul_(a, b, s);
    }

    /// <summary>In place: <paramref name="tensor"/> += <paramref name="value"/>·<paramref name="a"/>/<paramref name="b"/>, as <c>addcdiv_</c>.</summary>
    public static Tensor AddQuotientInPlace(this Tensor tensor, Tensor a, Tensor b, double value)
    {
        using var s = value.ToScalar();
        return tensor.addcdiv_(a, b, s);
    }

    /// <summary><paramref name="tensor"/> / <paramref name="value"/> (true division).</summary>
    public static Tensor DividedBy(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.div(s);
    }

    /// <summary><paramref name="tensor"/> / <paramref name="value"/> (true division), with an integer scalar.</summary>
    public static Tensor DividedBy(this Tensor tensor, long value)
    {
        using var s = value.ToScalar();
        return tensor.div(s);
    }

    /// <summary><paramref name="tensor"/> / <paramref name="value"/>, rounded toward −∞ (an integer tensor stays integer).</summary>
    public static Tensor FloorDividedBy(this Tensor tensor, long value)
    {
        using var s = value.ToScalar();
        return tensor.div(s, RoundingMode.floor);
    }

    /// <summary>The remainder of <paramref name="tensor"/> / <paramref name="value"/>, with the divisor's sign (an integer tensor stays integer).</summary>
    public static Tensor Remainder(this Tensor tensor, long value)
    {
        using var s = value.ToScalar();
        return tensor.remainder(s);
    }

    /// <summary><paramref name="tensor"/> raised to <paramref name="exponent"/>.</summary>
    public static Tensor Power(this Tensor tensor, double exponent)
    {
        using var s = exponent.ToScalar();
        return tensor.pow(s);
    }

    /// <summary>max(<paramref name="tensor"/>, <paramref name="minimum"/>).</summary>
    public static Tensor AtLeast(this Tensor tensor, double minimum)
    {
        using var s = minimum.ToScalar();
        return tensor.clamp_min(s);
    }

    /// <summary>min(<paramref name="tensor"/>, <paramref name="maximum"/>).</summary>
    public static Tensor AtMost(this Tensor tensor, double maximum)
    {
        using var s = maximum.ToScalar();
        return tensor.clamp_max(s);
    }

    /// <summary>Whether each element is below <paramref name="value"/>.</summary>
    public static Tensor LessThan(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.lt(s);
    }

    /// <summary>Whether each element is above <paramref name="value"/>.</summary>
    public static Tensor GreaterThan(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.gt(s);
    }

    /// <summary>LeakyReLU with the given slope for negative inputs.</summary>
    public static Tensor LeakyRelu(this Tensor tensor, Scalar negativeSlope)
    {
        var result = tensor.leaky_relu(negativeSlope);
        GC.KeepAlive(negativeSlope);
        return result;
    }

    /// <summary>A tensor shaped, typed and placed like <paramref name="like"/>, every element <paramref name="value"/>.</summary>
    public static Tensor FullLike(Tensor like, double value)
    {
        using var s = value.ToScalar();
        return torch.full_like(like, s);
    }

    /// <summary>The integers 0, 1, …, <paramref name="count"/> − 1 as an int64 tensor on <paramref name="device"/>.</summary>
    public static Tensor Range(long count, Device device)
    {
        using var stop = count.ToScalar();
        return torch.arange(Zero, stop, One, ScalarType.Int64, device);
    }
}
