using System.Reflection;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// The exit codes of every <c>deepsvdd</c> command, and the one place that turns an exception into a red message and a code:
/// <see cref="Success"/> 0, <see cref="Failure"/> 1 (the command line and its input were accepted, then the work failed: a collapsed
/// or diverged training, a failed write, a cancellation token that fired, a bug), <see cref="BadInput"/> 2 (bad usage or bad input: an unknown command
/// or option, an invalid value, a missing or unreadable file or folder, an image that does not decode under <c>--strict</c>).
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command started its work and it failed.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or bad input: nothing (or nothing lasting) was done; the message says what was expected.</summary>
    public const int BadInput = 2;

    /// <summary>The environment variable that adds the stack trace to the message of a failure.</summary>
    public const string TraceVariable = "DEEPSVDD_TRACE";

    /// <summary>The exit code of <paramref name="exception"/> (after <see cref="Unwrap"/>).</summary>
    public static int Of(Exception exception) => Unwrap(exception) switch
    {
        CommandAppException => BadInput, // Spectre.Console.Cli: unknown command or option, a value that does not parse, Validate() failed
        ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or FormatException => BadInput,
        _ => Failure,
    };

    /// <summary>
    /// The exception that says what went wrong: ML.NET's cursors wrap an exception thrown while reading rows in
    /// "Splitter/consolidator worker encountered exception…" (and tasks and reflection wrap theirs); the inner one names the cause.
    /// Spectre.Console.Cli wraps the <see cref="OptionValueException"/> of an enum-valued option in "Failed to convert 'x' to T.";
    /// the inner one names the option and its accepted values.
    /// </summary>
    public static Exception Unwrap(Exception exception)
    {
        while (exception.InnerException is { } inner &&
               (exception is AggregateException or TargetInvocationException ||
                exception is CommandRuntimeException && inner is OptionValueException ||
                exception is InvalidOperationException && exception.Message.Contains("Splitter/consolidator", StringComparison.Ordinal)))
            exception = inner;
        return exception;
    }

    /// <summary>Writes the message of <paramref name="exception"/> (red, one line; with the stack trace when DEEPSVDD_TRACE=1) and returns its code.</summary>
    public static int Report(Exception exception, IAnsiConsole? console = null)
    {
        var output = console ?? AnsiConsole.Console;
        var cause = Unwrap(exception);
        int code = Of(cause);
        bool trace = Environment.GetEnvironmentVariable(TraceVariable) == "1";
        if (cause is CommandAppException { Pretty: { } pretty } && !trace) output.Write(pretty);
        else if (code == BadInput) output.MarkupLine($"[red]{Markup.Escape(cause.Message)}[/]");
        else output.MarkupLine($"[red]Failed: {Markup.Escape(cause is OperationCanceledException ? "cancelled." : $"{cause.GetType().Name}: {cause.Message}")}[/]" +
            (trace ? "" : $" [grey]({TraceVariable}=1 shows the stack trace)[/]"));
        if (trace) output.WriteLine(exception.ToString());
        return code;
    }
}
