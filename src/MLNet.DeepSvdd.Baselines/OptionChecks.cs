namespace MLNet.DeepSvdd.Baselines;

/// <summary>The up-front checks of trainer options; every message names the option, its allowed range and the value given.</summary>
internal static class OptionChecks
{
    public static void ColumnName(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value)) Fail(option, "must name a column", value);
    }

    public static void AtLeast(int value, int minimum, string option)
    {
        if (value < minimum) Fail(option, $"must be ≥ {minimum}", value);
    }

    public static void Positive(double value, string option)
    {
        if (!(value > 0) || double.IsInfinity(value)) Fail(option, "must be a finite number > 0", value);
    }

    public static void InRange(double value, double lowExclusive, double highInclusive, string option)
    {
        if (!(value > lowExclusive && value <= highInclusive)) Fail(option, $"must be in ({lowExclusive}, {highInclusive}]", value);
    }

    public static void Fail(string option, string rule, object? value) =>
        throw new ArgumentOutOfRangeException(option, value, $"Option {option} {rule}; got {value ?? "null"}.");
}
