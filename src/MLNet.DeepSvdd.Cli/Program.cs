using MLNet.DeepSvdd.Cli;

// Tables are wide: when the output is redirected (a log, CI), do not wrap them at the default 80 columns.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);

// Ctrl-C or SIGTERM while a file is written: its temporary file is deleted before the process ends (the destination is never half-written).
using var interrupts = InterruptCleanup.Install();
return CliApp.Create().Run(args);
