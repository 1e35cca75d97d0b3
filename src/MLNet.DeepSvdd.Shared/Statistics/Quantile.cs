using System.Numerics;

namespace MLNet.DeepSvdd.Shared.Statistics;

/// <summary>
/// Quantiles with linear interpolation between order statistics (numpy's and torch's default definition, which scikit-learn's thresholds
/// use).
/// </summary>
internal static class Quantile
{
    /// <summary>
    /// The q-quantile of <paramref name="values"/> (Single or Double, computed in double), q ∈ [0, 1]: the value at position q·(n − 1) of the
    /// sorted values, interpolated.
    /// </summary>
    public static double Of<T>(IReadOnlyList<T> values, double q)
        where T : INumber<T>
    {
        if (values.Count == 0) throw new ArgumentException("Cannot take the quantile of no values.", nameof(values));
        var sorted = values.Select(double.CreateTruncating).ToArray();
        Array.Sort(sorted);
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
