namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// Progress of a reproduction with an ETA: a Spectre.Console progress bar on an interactive terminal, one plain line per finished run
/// (with the ETA) when the output is redirected (logs, CI). The ETA is the mean time of the runs done in this session times the runs left.
/// </summary>
internal sealed class RunProgress
{
    private readonly int total;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Action<string> log;
    private int done, doneHere;
    private ProgressTask? bar;

    public RunProgress(int total, int alreadyDone, Action<string> log)
    {
        this.total = total;
        done = alreadyDone;
        this.log = log;
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar when the console is interactive, plain lines otherwise.</summary>
    public void Show(string title, Action work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            work();
            return;
        }
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                bar = context.AddTask(Markup.Escape(title), maxValue: total);
                bar.Value = done;
                work();
            });
    }

    /// <summary>Records a finished run and reports it.</summary>
    public void Completed(string what)
    {
        done++;
        doneHere++;
        double perRun = clock.Elapsed.TotalSeconds / doneHere;
        var eta = TimeSpan.FromSeconds(perRun * (total - done));
        string line = $"[{done}/{total}] {what}  (ETA {(int)eta.TotalHours:D2}:{eta.Minutes:D2}:{eta.Seconds:D2})";
        if (bar is not null)
        {
            bar.Increment(1);
            AnsiConsole.MarkupLine(Markup.Escape(line));
        }
        else log(line);
    }
}
