using MLNet.DeepSvdd.Cli.Commands;

namespace MLNet.DeepSvdd.Tests.Cli;

public class TrainingProgressTests
{
    [Fact]
    public void It_prints_one_line_per_training_epoch_with_the_trainers_figures_the_elapsed_time_and_an_ETA()
    {
        var lines = new List<string>();
        var progress = new TrainingProgress(lines.Add);
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) =>
        {
            int at = e.Message.IndexOf("] Epoch ", StringComparison.Ordinal); // after ML.NET's "[Source=…, Kind=…]" prefix
            if (at >= 0) lock (messages) messages.Add(e.Message[(at + 2)..]);
        };
        var (train, validation) = Fixtures.SyntheticSplit(ml, trainRows: 200, testRows: 100);
        ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o =>
        {
            o.Epochs = 3;
            o.ValidationSet = validation;
            o.Progress = progress;
        })).Fit(train);

        lines.Should().HaveCount(3, "one line per training epoch; epoch 0 (before training) is not printed");
        for (int k = 1; k <= 3; k++)
        {
            string line = lines[k - 1];
            line.Should().StartWith($"  Epoch {k}/3: ").And.Contain("validation AUC").And.MatchRegex(@"  \[\d\d:\d\d elapsed, ETA \d\d:\d\d\]$");
            // The figures are the trainer's log line for the epoch, word for word (what the CLI printed when it read the log).
            string figures = line[2..line.LastIndexOf("  [", StringComparison.Ordinal)];
            messages.Should().Contain(figures);
        }
    }

    [Fact]
    public void The_ETA_is_the_mean_time_per_epoch_times_the_epochs_left()
    {
        var lines = new List<string>();
        var progress = new TrainingProgress(lines.Add);
        var report = new EpochReport(0, 1, 0, 0, 0.1, 0, 0, null, TimeSpan.Zero);
        progress.Report(new EpochProgress(report, 4));
        lines.Should().BeEmpty();
        Thread.Sleep(1100);
        progress.Report(new EpochProgress(report with { Epoch = 1, Duration = TimeSpan.FromSeconds(2) }, 4));
        progress.Report(new EpochProgress(report with { Epoch = 4, Duration = TimeSpan.FromSeconds(4) }, 4));
        lines.Should().HaveCount(2);
        lines[0].Should().Contain("— 2.0 s, ETA 6 s").And.MatchRegex(@"\[00:0[1-3] elapsed, ETA 00:0[3-9]\]$", "about 1 s for 1 epoch, 3 left");
        lines[1].Should().Contain("— 4.0 s, ETA 0 s").And.EndWith("ETA 00:00]", "no epoch left");
    }
}
