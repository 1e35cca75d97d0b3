namespace MLNet.DeepSvdd;

/// <summary>
/// What <see cref="DeepSvddTrainer.Options.Progress"/> hears after each epoch: the epoch's report and how many epochs the fit has in all,
/// so a consumer can show "epoch k of n" and estimate the time left.
/// </summary>
/// <param name="Report">The epoch just finished (epoch 0: the network before training); the same object that ends up in
/// <see cref="TrainingReport.Epochs"/>.</param>
/// <param name="TotalEpochs">The number of training epochs of the fit (<see cref="DeepSvddTrainer.Options.Epochs"/>): the last report has
/// <c>Report.Epoch == TotalEpochs</c>.</param>
public sealed record EpochProgress(EpochReport Report, int TotalEpochs)
{
    /// <summary>Training epochs still to run after this one.</summary>
    public int RemainingEpochs => TotalEpochs - Report.Epoch;
}
