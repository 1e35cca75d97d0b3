#region DetectorSearchUsings
using MLNet.DeepSvdd.Selection;
#endregion
using Microsoft.ML;

namespace DocsSnippets;

internal static class ModelSelection
{
    public static void Search(MLContext ml, IDataView train, IDataView validation, IDataView test, IProgress<SearchProgress> progress)
    {
        #region DetectorSearch
        var search = ml.AnomalyDetection.Trainers.DetectorSearch(new DetectorSearch.Options
        {
            ValidationSet = validation,                 // labeled rows (Label > 0 or true = anomaly): trials are judged by their ROC AUC
            TestSet = test,                             // optional: scored for the selected model only, so its test AUC was not selected on
            SearchSpace = SearchSpace.ForVectors(),     // default: ForImages() for an image-shaped column, else ForVectors()
            Strategy = SearchStrategy.SuccessiveHalving,// the default; also Grid and Random
            TimeBudget = TimeSpan.FromMinutes(30),      // and/or MaxTrials
            Seed = 1,
            Progress = progress,                        // IProgress<SearchProgress>: each trial, the best so far, an ETA
        });
        SelectedDetector selected = search.Fit(train);  // Fit(train, cancellationToken) to cancel
        Console.WriteLine(selected.Leaderboard.ToMarkdown());   // or .ToJson(); selected.Best is the winning trial
        ml.Model.Save(selected, train.Schema, "detector.zip");  // writes the selected model itself; Model.Load gives it back
        #endregion
    }
}
