namespace MLNet.DeepSvdd.Shared.Detectors;

/// <summary>
/// The one style in which every detector checks its options up front (<see cref="DetectorOptions.Validate"/>): each check names the option,
/// its allowed range and the value given, and throws <see cref="ArgumentOutOfRangeException"/> with the option as the parameter name.
/// </summary>
internal static class OptionChecks
{
    public static void ColumnName(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value)) Fail(option, "must name a column", value);
    }

    public static void NullOrColumnName(string? value, string option)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value)) Fail(option, "must be null or name a column", value);
    }

    public static void AtLeast(int value, int minimum, string option, string? why = null)
    {
        if (value < minimum) Fail(option, $"must be ≥ {minimum}{(why is null ? "" : $" ({why})")}", value);
    }

    public static void Positive(double value, string option)
    {
        if (!(value > 0) || double.IsInfinity(value)) Fail(option, "must be a finite number > 0", value);
    }

    public static void NonNegative(double value, string option)
    {
        if (!(value >= 0) || double.IsInfinity(value)) Fail(option, "must be a finite number ≥ 0", value);
    }

    /// <summary>A value in (<paramref name="lowExclusive"/>, <paramref name="highInclusive"/>].</summary>
    public static void InRange(double value, double lowExclusive, double highInclusive, string option)
    {
        if (!(value > lowExclusive && value <= highInclusive)) Fail(option, $"must be in ({lowExclusive}, {highInclusive}]", value);
    }

    /// <summary>A value in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static void InClosedRange(double value, double low, double high, string option)
    {
        if (!(value >= low && value <= high)) Fail(option, $"must be in [{low}, {high}]", value);
    }

    public static void Defined<T>(T value, string option) where T : struct, Enum
    {
        if (!Enum.IsDefined(value)) Fail(option, $"must be one of {string.Join(", ", Enum.GetNames<T>())}", value);
    }

    public static void Fail(string option, string rule, object? value) =>
        throw new ArgumentOutOfRangeException(option, value, $"Option {option} {rule}; got {value ?? "null"}.");
}
