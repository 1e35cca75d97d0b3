namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>Standard normal samples by the Box–Muller transform, for the synthetic data sets of the tests.</summary>
public static class StandardNormal
{
    /// <summary>One N(0, 1) sample; draws two uniform numbers from <paramref name="random"/>.</summary>
    public static double Sample(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
