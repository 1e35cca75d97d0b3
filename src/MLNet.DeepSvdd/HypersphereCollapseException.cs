namespace MLNet.DeepSvdd;

/// <summary>
/// Thrown by <c>DeepSvddTrainer.Fit</c> when the model it would return is collapsed (every input mapped to
/// the same point, so every score is equal). The message says what to change; <see cref="Report"/> holds the per-epoch history.
/// </summary>
public sealed class HypersphereCollapseException : InvalidOperationException
{
    internal HypersphereCollapseException(string message, TrainingReport report) : base(message) => Report = report;

    /// <summary>The training history, with the collapse verdict in <see cref="TrainingReport.Collapse"/>.</summary>
    public TrainingReport Report { get; }
}
