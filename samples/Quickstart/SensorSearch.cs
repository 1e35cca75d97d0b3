using MLNet.DeepSvdd.Selection;

/// <summary>
/// Model selection on plain feature vectors: let DetectorSearch try Deep SVDD settings, the one-class SVM and Isolation Forest on the sensor
/// readings of SensorDemo, choose by validation AUC, and report the winner's test AUC. Run: dotnet run --project samples/Quickstart -c Release -- search
/// </summary>
public static class SensorSearch
{
    public static void Run(int epochs = 10, TimeSpan? timeBudget = null)
    {
        var ml = new MLContext(seed: 1);
        var sensors = new SensorSimulator(seed: 0);
        IDataView train = ml.Data.LoadFromEnumerable(sensors.Normal(4000));     // normal readings only
        IDataView validation = ml.Data.LoadFromEnumerable(sensors.Mixed(1000)); // labeled: chooses the detector
        IDataView test = ml.Data.LoadFromEnumerable(sensors.Mixed(2000));       // labeled: scored for the winner only

        var search = ml.AnomalyDetection.Trainers.DetectorSearch(new DetectorSearch.Options
        {
            ValidationSet = validation,
            TestSet = test,
            SearchSpace = SearchSpace.ForVectors(epochs),       // 5 Deep SVDD settings, 5 one-class SVM γ values, 2 Isolation Forests
            Strategy = SearchStrategy.SuccessiveHalving,        // the default: most of the time goes to the deep settings that look best
            TimeBudget = timeBudget ?? TimeSpan.FromMinutes(5),
            Seed = 1,
            Progress = new ConsoleProgress(),
        });
        SelectedDetector selected = search.Fit(train);

        Console.WriteLine();
        Console.WriteLine(selected.Leaderboard.ToMarkdown());
        var metrics = ml.AnomalyDetection.Evaluate(selected.Transform(test));
        Console.WriteLine($"Selected: {selected.Best.Candidate} ({selected.Best.Family}); test AUC {metrics.AreaUnderRocCurve:F4}.");

        string path = Path.Combine(Path.GetTempPath(), "deepsvdd-search.zip");
        ml.Model.Save(selected, train.Schema, path); // the selected model itself; Model.Load gives it back
        Console.WriteLine($"Saved the selected model to {path}.");
    }

    /// <summary>Prints each trial as it ends, with the best so far and the estimated time left.</summary>
    private sealed class ConsoleProgress : IProgress<SearchProgress>
    {
        public void Report(SearchProgress p) => Console.WriteLine(
            $"[{p.CompletedTrials}/{p.PlannedTrials}] {p.Trial.Candidate}{(p.Trial.Epochs is { } e ? $" ({e} epochs)" : "")}: " +
            $"{(double.IsNaN(p.Trial.ValidationAuc) ? "-" : p.Trial.ValidationAuc.ToString("F4"))} {p.Trial.Verdict}; best so far " +
            $"{p.Best?.ValidationAuc.ToString("F4") ?? "-"}; about {p.EstimatedRemaining?.TotalSeconds ?? 0:F0} s left");
    }
}
