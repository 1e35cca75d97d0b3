using MLNet.DeepSvdd.Cli;

// Tables are wide: when the output is redirected (a log, CI), do not wrap them at the default 80 columns.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);

return CliApp.Create().Run(args);
