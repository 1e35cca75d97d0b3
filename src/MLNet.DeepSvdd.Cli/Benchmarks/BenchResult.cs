namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>Throughputs (images/s) and peak memory of one <see cref="BenchCase"/>.</summary>
/// <param name="TrainSteps">Full optimizer steps on data already on the device (epochs after the first).</param>
/// <param name="FitPath">The whole <c>Fit</c> from an IDataView: loading, centre, steps, final pass.</param>
/// <param name="BareForward">The network and distance alone on a device tensor, in the batches <c>Transform</c> uses.</param>
/// <param name="Transform">Batched <c>Transform</c> from an IDataView (the best of three passes).</param>
/// <param name="PredictionEngine">Row by row through <c>PredictionEngine</c>.</param>
/// <param name="Reloaded">Batched <c>Transform</c> of the model saved and reloaded with <c>LoadDeepSvdd</c>.</param>
/// <param name="PeakMemoryMb">Peak working set of the process during this case (data, Fit, scoring, save and reload), sampled every 5 ms.</param>
/// <param name="Phases">Where the time of the measured <c>Fit</c> went.</param>
/// <param name="TransformWithMaps">
/// ResNets only (null otherwise): batched <c>Transform</c> of the same network with both branches (<see cref="DeepSvddRepresentation.PooledAndPatches"/>,
/// trained one epoch on the same images), reading Score, AnomalyMap and PredictedMask: what a user pays for the maps at the same resolution.
/// </param>
public sealed record BenchResult(BenchCase Case, double TrainSteps, double FitPath, double BareForward, double Transform,
    double PredictionEngine, double Reloaded, double PeakMemoryMb, PhaseBreakdown Phases, double? TransformWithMaps = null)
{
    /// <summary>The share of batched scoring throughput the maps cost: 1 − <see cref="TransformWithMaps"/> / <see cref="Transform"/> (null without maps).</summary>
    public double? MapCost => TransformWithMaps is double maps ? 1 - maps / Transform : null;
}

/// <summary>The PyTorch peer's figures for the same shape.</summary>
public sealed record PeerResult(double Train, double Score);
