using Spectre.Console;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>Turns the expected failures of a command (missing files or data, bad input) into one red line and exit code 2.</summary>
internal static class CommandErrors
{
    public static int Guard(Action work)
    {
        try
        {
            work();
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException or HypersphereCollapseException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
    }
}
