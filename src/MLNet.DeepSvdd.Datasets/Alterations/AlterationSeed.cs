using System.Runtime.InteropServices;

namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// The seed an image is altered with in the ML.NET transforms and the protocols: a function of the user's seed and the image's pixels only.
/// An image therefore gets the same anomaly whatever its row number, the order rows are read in, shuffling or parallel cursors; two
/// identical images get identical anomalies. Reproduce a transform's output for one image with
/// <c>alteration.Apply(image, c, h, w, AlterationSeed.For(seed, image))</c>.
/// </summary>
public static class AlterationSeed
{
    private const ulong FnvOffset = 14695981039346656037, FnvPrime = 1099511628211;

    /// <summary>
    /// The 64-bit FNV-1a scheme applied to 32-bit words (the seed, then the IEEE bit pattern of every value in order), finished with the
    /// SplitMix64 mixer; the top 31 bits are the result. Stable across processes and platforms (no <see cref="HashCode"/>, which is randomized per process).
    /// </summary>
    /// <param name="seed">The user's seed.</param>
    /// <param name="image">The image's values, in any layout (the transform and protocols pass the planar [C, H, W] pixels).</param>
    /// <returns>A non-negative seed for <see cref="Random(int)"/>.</returns>
    public static int For(int seed, ReadOnlySpan<float> image)
    {
        ulong hash = (FnvOffset ^ (uint)seed) * FnvPrime;
        foreach (uint bits in MemoryMarshal.Cast<float, uint>(image)) hash = (hash ^ bits) * FnvPrime;
        return (int)(Mix(hash) >> 33);
    }

    /// <summary>The SplitMix64 finalizer (Steele, Lea, Flood 2014): spreads every input bit over the whole word.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
