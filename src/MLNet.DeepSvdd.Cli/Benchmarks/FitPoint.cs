namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>One training measurement.</summary>
/// <param name="Images">Training images.</param>
/// <param name="Size">Image side in pixels (3 × Size × Size values).</param>
/// <param name="EpochSeconds">Mean duration of the steady epochs' optimizer steps (all epochs but the first, when there are several).</param>
/// <param name="FitSeconds">Wall time of <c>Fit</c>, measured around the call.</param>
/// <param name="StepImagesPerSecond">Images / <see cref="EpochSeconds"/>: the in-memory step rate.</param>
/// <param name="FitImagesPerSecond">Images × epochs / <see cref="FitSeconds"/>: the rate through the whole Fit path.</param>
/// <param name="PeakWorkingSetMb">Highest working set of the process during Fit.</param>
/// <param name="PeakOverBaselineMb">That peak minus the settled working set just before Fit (the input data already in memory).</param>
/// <param name="Phases">Where the Fit time went.</param>
public sealed record FitPoint(int Images, int Size, double EpochSeconds, double FitSeconds, double StepImagesPerSecond, double FitImagesPerSecond,
    double PeakWorkingSetMb, double PeakOverBaselineMb, PhaseBreakdown Phases)
{
    /// <summary>Fit-path rate over step rate: 1 means the Fit path costs nothing beyond the steps.</summary>
    public double FitToStepRatio => FitImagesPerSecond / StepImagesPerSecond;
}
