namespace MLNet.DeepSvdd.Baselines.Forest;

/// <summary>
/// The path-length arithmetic of Isolation Forest (Liu, Ting &amp; Zhou 2008, section 2): c(n), the average path length of an
/// unsuccessful search in a binary search tree of n points, used both to adjust the path length at leaves that still hold several points
/// and to normalise the anomaly score.
/// </summary>
internal static class PathLength
{
    /// <summary>The Euler–Mascheroni constant as the paper writes it.</summary>
    public const double EulerGamma = 0.5772156649;

    /// <summary>H(i) ≈ ln(i) + 0.5772156649, the harmonic number.</summary>
    public static double Harmonic(double i) => Math.Log(i) + EulerGamma;

    /// <summary>c(n) = 2H(n − 1) − 2(n − 1)/n for n &gt; 2, c(2) = 1, and c(n) = 0 for n ≤ 1.</summary>
    public static double Average(int n) => n switch
    {
        <= 1 => 0,
        2 => 1,
        _ => 2 * Harmonic(n - 1) - 2.0 * (n - 1) / n,
    };

    /// <summary>s(x, ψ) = 2^(−E[h(x)] / c(ψ)): 0.5 at E[h] = c(ψ), towards 1 for short paths (anomalies), towards 0 for long ones.</summary>
    public static double AnomalyScore(double meanPathLength, int sampleSize)
    {
        double normaliser = Average(sampleSize);
        return normaliser > 0 ? Math.Pow(2, -meanPathLength / normaliser) : 0.5;
    }
}
