using MLNet.DeepSvdd.Cli;
using Spectre.Console;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>Runs a <c>deepsvdd</c> command line in-process and captures what it prints (no colours, one message per line).</summary>
public static class CliRun
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 400;
        int code = CliApp.Create(console).Run(args);
        return (code, writer.ToString());
    }
}
