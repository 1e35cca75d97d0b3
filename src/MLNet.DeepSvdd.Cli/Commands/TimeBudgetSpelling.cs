namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// The spelling of <c>tune --time-budget</c>: a positive number with an optional unit, <c>s</c>, <c>m</c> (or <c>min</c>), <c>h</c> or
/// <c>d</c>; without a unit it is minutes (<c>30</c> = <c>30m</c>, <c>20s</c>, <c>1.5h</c>). The number is read with the invariant culture
/// (a dot as decimal separator). Anything else, a budget of zero or less, or one beyond what a <see cref="TimeSpan"/> holds (about 29 000
/// years) is an <see cref="OptionValueException"/> naming the option, the value and the expected form.
/// </summary>
public sealed class TimeBudgetSpelling : TypeConverter
{
    /// <summary>The option, as the errors name it.</summary>
    public const string Option = "--time-budget";

    private const string Expected = "expected a positive number of minutes, or a number with a unit: s, m, h or d (e.g. 90, 20s, 45m, 1.5h)";

    /// <summary>The budget <paramref name="text"/> spells.</summary>
    /// <exception cref="OptionValueException">Not a positive number with an optional unit, or too long for a <see cref="TimeSpan"/>.</exception>
    public static TimeSpan Parse(string text)
    {
        string value = text.Trim().ToLowerInvariant();
        (string Suffix, double Seconds)[] units = [("min", 60), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];
        double unit = 60;
        foreach (var (suffix, seconds) in units)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal))
            {
                value = value[..^suffix.Length].TrimEnd();
                unit = seconds;
                break;
            }
        }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
            throw new OptionValueException($"{Option} '{text}': {Expected}.");
        if (!(number > 0)) throw new OptionValueException($"{Option} '{text}': the budget must be positive; {Expected}.");
        double total = number * unit;
        TimeSpan budget;
        try
        {
            if (total >= TimeSpan.MaxValue.TotalSeconds) throw new OverflowException();
            budget = TimeSpan.FromSeconds(total);
        }
        catch (OverflowException)
        {
            throw new OptionValueException($"{Option} '{text}' is longer than a TimeSpan holds (about 29 000 years); leave the option out for no time limit.");
        }
        if (budget <= TimeSpan.Zero) throw new OptionValueException($"{Option} '{text}': the budget must be at least a tick (100 ns); {Expected}.");
        return budget;
    }

    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc/>
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? Parse(text) : base.ConvertFrom(context, culture, value);
}
