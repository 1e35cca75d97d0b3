namespace MLNet.DeepSvdd.Selection;

/// <summary>
/// Thrown by <see cref="DetectorSearch"/> when no trial produced a detector that can be selected (every trial collapsed, diverged, failed or was
/// stopped by the budget). <see cref="Trials"/> says what happened to each.
/// </summary>
public sealed class NoUsableDetectorException : InvalidOperationException
{
    internal NoUsableDetectorException(string message, IReadOnlyList<TrialResult> trials) : base(message)
    {
        Trials = trials;
    }

    /// <summary>Every trial that ran, with its verdict and message.</summary>
    public IReadOnlyList<TrialResult> Trials { get; }
}
