namespace MLNet.DeepSvdd.Baselines.Geo.Dirichlet;

/// <summary>
/// The digamma function ψ = (ln Γ)′, the trigamma function ψ′ and the inverse of ψ, for positive arguments, to about 1e-12 relative
/// accuracy: the recurrences ψ(x) = ψ(x + 1) − 1/x and ψ′(x) = ψ′(x + 1) + 1/x² lift x to 10 or more, where the asymptotic series are used.
/// </summary>
internal static class SpecialFunctions
{
    /// <summary>ψ(x) for x &gt; 0.</summary>
    public static double Digamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "Digamma is evaluated for x > 0 only.");
        double result = 0;
        while (x < 10)
        {
            result -= 1 / x;
            x += 1;
        }
        double f = 1 / (x * x);
        // ln x − 1/(2x) − Σ B_2k / (2k x^2k)
        double series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
        return result + Math.Log(x) - 0.5 / x - series;
    }

    /// <summary>ψ′(x) for x &gt; 0.</summary>
    public static double Trigamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "Trigamma is evaluated for x > 0 only.");
        double result = 0;
        while (x < 10)
        {
            result += 1 / (x * x);
            x += 1;
        }
        double f = 1 / (x * x);
        // 1/x + 1/(2x²) + Σ B_2k / x^(2k+1)
        double series = 1 / x + f / 2 + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f * (1.0 / 30 - f * (5.0 / 66)))));
        return result + series;
    }

    /// <summary>
    /// The x &gt; 0 with ψ(x) = <paramref name="y"/>: Newton's method from Minka's starting point (exp(y) + ½ for y ≥ −2.22,
    /// otherwise −1/(y − ψ(1))), which converges in a handful of steps.
    /// </summary>
    public static double InverseDigamma(double y)
    {
        if (double.IsNaN(y) || double.IsInfinity(y)) throw new ArgumentOutOfRangeException(nameof(y), y, "InverseDigamma needs a finite argument.");
        const double digammaOfOne = -0.5772156649015329;
        double x = y >= -2.22 ? Math.Exp(y) + 0.5 : -1 / (y - digammaOfOne);
        for (int i = 0; i < 50; i++)
        {
            double step = (Digamma(x) - y) / Trigamma(x);
            double next = x - step;
            if (next <= 0) next = x / 2; // stay in the domain
            if (Math.Abs(next - x) <= 1e-14 * x) return next;
            x = next;
        }
        return x;
    }
}
