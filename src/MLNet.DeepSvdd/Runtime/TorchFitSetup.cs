namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// The part of a fit's setup (<see cref="FitSetup"/>) that only the TorchSharp detectors (Deep SVDD, GEO) have: the device, chosen with the
/// MLContext's GPU settings and warned about on the training channel, and the training data loaded onto it with the fit's cancellation check.
/// </summary>
internal static class TorchFitSetup
{
    /// <summary>The device to train on (<see cref="DeviceSelector.Select"/>); warnings go to the fit's training channel.</summary>
    /// <param name="setup">The fit.</param>
    /// <param name="requested">The options' device.</param>
    public static Device SelectDevice(this FitSetup setup, DeepSvddDevice requested) =>
        DeviceSelector.Select(requested, setup.Context, setup.Channel);

    /// <summary>The training data's feature column (and <paramref name="label"/>, if any) on <paramref name="device"/>.</summary>
    /// <param name="setup">The fit.</param>
    /// <param name="device">Where the tensors go.</param>
    /// <param name="label">The label column, or null.</param>
    public static DataViewLoader.Loaded LoadTraining(this FitSetup setup, Device device, DataViewSchema.Column? label = null) =>
        DataViewLoader.Load(setup.Input, setup.Feature, label, device, setup.CheckCanceled);
}
