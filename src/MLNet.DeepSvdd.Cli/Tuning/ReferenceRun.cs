namespace MLNet.DeepSvdd.Cli.Tuning;

/// <summary>
/// A fixed Deep SVDD configuration trained next to a search (<c>tune --compare</c>) so the winner can be judged against it: the library's
/// defaults or the paper's settings. It keeps its best validation epoch like every search trial, is scored on the test set, and is never a
/// candidate of the search.
/// </summary>
/// <param name="Name">What the configuration is.</param>
/// <param name="ValidationAuc">ROC AUC on the search's validation set at the kept epoch.</param>
/// <param name="TestAuc">ROC AUC on the test set.</param>
/// <param name="Seconds">Wall-clock time of the fit and the scoring.</param>
/// <param name="Collapsed">The trainer's collapse verdict.</param>
internal sealed record ReferenceRun(string Name, double ValidationAuc, double TestAuc, double Seconds, bool Collapsed)
{
    public static ReferenceRun Fit(MLContext ml, string name, DeepSvddTrainer.Options options, ProtocolSplits splits, int seed)
    {
        var watch = Stopwatch.StartNew();
        options.FeatureColumnName = ProtocolColumns.Image;
        options.ValidationSet = splits.Validation.Data;
        options.ValidationLabelColumnName = ProtocolColumns.Label;
        options.Seed = seed;
        options.ThrowOnCollapse = false;
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(splits.Train.Data);
        double test = ml.AnomalyDetection.Evaluate(model.Transform(splits.Test.Data), labelColumnName: ProtocolColumns.Label).AreaUnderRocCurve;
        var report = model.Report;
        return new ReferenceRun(name, report.Epochs[report.SelectedEpoch].ValidationAuc ?? double.NaN, test, watch.Elapsed.TotalSeconds, report.Collapse.IsCollapsed);
    }
}
