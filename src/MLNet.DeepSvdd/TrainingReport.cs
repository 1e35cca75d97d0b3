namespace MLNet.DeepSvdd;

/// <summary>
/// What training did: one <see cref="EpochReport"/> for the network before training (epoch 0) and one per training epoch (1, 2, …), the
/// epoch kept, the collapse verdict and timings.
/// </summary>
public sealed class TrainingReport
{
    internal TrainingReport(IReadOnlyList<EpochReport> epochs, int selectedEpoch, CollapseAssessment collapse, int trainingRows,
        string device, string network, TimeSpan duration)
    {
        Epochs = epochs;
        SelectedEpoch = selectedEpoch;
        Collapse = collapse;
        TrainingRows = trainingRows;
        Device = device;
        Network = network;
        Duration = duration;
    }

    /// <summary>
    /// Epoch 0 (the network before its first step: its validation AUC, mean squared distance to the centre and feature variance), then one
    /// entry per training epoch, so <c>Epochs[k].Epoch == k</c>. (Models saved before version 1.1 have no epoch 0 and number their epochs from 0.)
    /// </summary>
    public IReadOnlyList<EpochReport> Epochs { get; }

    /// <summary>
    /// The epoch whose weights the model holds: the best validation AUC when a validation set was given — 0 when no training epoch beat the
    /// untrained network — else the last epoch. An index into <see cref="Epochs"/>.
    /// </summary>
    public int SelectedEpoch { get; }

    /// <summary>The training epochs (without epoch 0, the state before training).</summary>
    public IEnumerable<EpochReport> TrainedEpochs => Epochs.Where(e => e.Duration > TimeSpan.Zero || e.Epoch > 0);

    /// <summary>The collapse verdict on the returned model.</summary>
    public CollapseAssessment Collapse { get; }

    /// <summary>Number of training rows.</summary>
    public int TrainingRows { get; }

    /// <summary>The device training ran on, e.g. "cpu" or "cuda:0".</summary>
    public string Device { get; }

    /// <summary>The network, e.g. "Mlp [10 → 128 → 64 → 32], bias on".</summary>
    public string Network { get; }

    /// <summary>
    /// The learning rate φ was trained with, after <see cref="DeepSvddTrainer.Options.LearningRate"/> = null was resolved (1e-4 from scratch,
    /// 1e-5 for pretrained backbones). Null for models saved before it was recorded.
    /// </summary>
    public double? LearningRate { get; init; }

    /// <summary>
    /// The last backbone stage that stayed frozen, after <see cref="DeepSvddTrainer.Options.FreezeThrough"/> = null was resolved
    /// (<see cref="BackboneStage.None"/>: every layer trained). Null for models saved before it was recorded.
    /// </summary>
    public BackboneStage? FreezeThrough { get; init; }

    /// <summary>Whether BatchNorm statistics stayed frozen (resolved). Null for models saved before it was recorded.</summary>
    public bool? FreezeBatchNorm { get; init; }

    /// <summary>
    /// A two-branch model's choice of the branches that score, by validation AUC (<see cref="DeepSvddRepresentation.PooledAndPatches"/> with a
    /// <see cref="DeepSvddTrainer.Options.ValidationSet"/>); null otherwise: both branches score then, and one-branch models have no choice.
    /// </summary>
    public BranchValidation? Branches { get; init; }

    /// <summary>
    /// When and why training diverged, when it was stopped without an exception (<see cref="DeepSvddTrainer.Options.ThrowOnDivergence"/> = false);
    /// null for a training that did not diverge. <see cref="Epochs"/> then ends with the diverged epoch and <see cref="SelectedEpoch"/> is before it.
    /// </summary>
    public TrainingDivergence? Divergence { get; init; }

    /// <summary>Total wall-clock time of the fit, data loading included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Training throughput: rows processed per second of optimizer steps (data loading and validation excluded).</summary>
    public double RowsPerSecond
    {
        get
        {
            var trained = TrainedEpochs.ToList();
            double seconds = trained.Sum(e => e.Duration.TotalSeconds);
            return seconds > 0 ? TrainingRows * (double)trained.Count / seconds : 0;
        }
    }

    /// <summary>A fixed-width table of the epochs, for logs and consoles.</summary>
    public override string ToString()
    {
        var lines = new List<string>
        {
            $"Deep SVDD: {Network} on {Device}, {TrainingRows} rows, {TrainedEpochs.Count()} epochs in {Duration.TotalSeconds:F1} s " +
            $"({RowsPerSecond:F0} rows/s); kept epoch {SelectedEpoch}; " +
            $"{(Divergence is { } d ? $"diverged ({d.Reason}), stopped; " : "")}{Collapse.Reason}",
            "epoch  svdd_loss    reg_loss     weight      feat_var     radius      val_auc",
        };
        lines.AddRange(Epochs.Select(e =>
            $"{e.Epoch,5}  {e.SvddLoss,-11:G4}  {e.RegularizerLoss,-11:G4}  {e.RegularizerWeight,-10:G4}  {e.FeatureVariance,-11:G4}  " +
            $"{e.Radius,-10:G4}  {Auc(e.ValidationAuc)}"));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>A validation AUC in the table, in the current culture as the rest of the text; "-" for none.</summary>
    private static string Auc(double? auc) => auc is double a ? a.ToString("F4", System.Globalization.CultureInfo.CurrentCulture) : "-";
}
