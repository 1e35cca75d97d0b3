using MLNet.DeepSvdd.Cli.Commands;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>
/// Issue 24: <c>tune --time-budget</c> takes a unit (s, m, h, d; minutes without one), and every value it cannot take, too large
/// ones included, is refused naming the option and the expected form, before any data is loaded.
/// </summary>
public sealed class TimeBudgetOptionTests
{
    [Theory]
    [InlineData("30", 30 * 60)]
    [InlineData("20s", 20)]
    [InlineData("45m", 45 * 60)]
    [InlineData("2min", 120)]
    [InlineData("1.5h", 5400)]
    [InlineData(" 2 d ", 2 * 86400)]
    [InlineData("100000", 100_000 * 60)]
    public void A_budget_takes_a_unit_and_minutes_without_one(string text, double seconds) =>
        TimeBudgetSpelling.Parse(text).Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("20 seconds", "--time-budget '20 seconds': expected a positive number of minutes, or a number with a unit: s, m, h or d*")]
    [InlineData("soon", "--time-budget 'soon': expected *")]
    [InlineData("0", "--time-budget '0': the budget must be positive*")]
    [InlineData("-5m", "--time-budget '-5m': the budget must be positive*")]
    [InlineData("NaN", "--time-budget 'NaN': expected *")]
    [InlineData("1e300", "--time-budget '1e300' is longer than a TimeSpan holds*")]
    public void A_budget_it_cannot_take_is_refused_naming_the_option_and_the_expected_form(string text, string message)
    {
        var parse = () => TimeBudgetSpelling.Parse(text);
        parse.Should().Throw<OptionValueException>().WithMessage(message);
    }

    [Theory]
    [InlineData("20s", "--epochs must be")]              // binds, then Validate refuses the epochs: no framework message
    [InlineData("1e300", "--time-budget '1e300' is longer than a TimeSpan holds")]
    [InlineData("20 sec", "--time-budget '20 sec': expected")]
    public void The_command_line_binds_or_names_the_option(string value, string message)
    {
        var (code, output) = CliRun.Run("tune", "--epochs", "0", "--time-budget", value);
        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain(message).And.NotContain("Failed to convert").And.NotContain("Nullable");
    }
}
