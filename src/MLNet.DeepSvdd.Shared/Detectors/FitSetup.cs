using System.Diagnostics;
using Microsoft.ML.Runtime;

namespace MLNet.DeepSvdd.Shared.Detectors;

/// <summary>
/// What every detector's training starts from, made once by <see cref="DetectorTrainer{TOptions, TTransformer}"/>'s <c>Fit</c> and handed
/// to its <c>FitDetector</c>: the training data with its resolved feature column, the clock of the whole fit, the cancellation check (the
/// token and the MLContext, no reflection per call), and the trainer's host in the MLContext with its training channel and seed. The host
/// and the channel are made on first use, so each detector registers at the point of its training it always did (a host draws from the
/// MLContext's random source, which seeds later fits that set no seed). Disposing it ends the channel.
/// </summary>
/// <param name="context">The trainer's MLContext.</param>
/// <param name="hostName">The name the trainer's host registers under, e.g. "DeepSvdd".</param>
/// <param name="detectorName">The detector's name in messages, e.g. "Deep SVDD".</param>
/// <param name="input">The training data.</param>
/// <param name="feature">Its feature column, resolved.</param>
/// <param name="total">Running since the fit began.</param>
/// <param name="cancellationToken">The fit's token.</param>
/// <param name="checkCanceled">Throws <see cref="OperationCanceledException"/> once the token or the MLContext is cancelled.</param>
internal sealed class FitSetup(MLContextAccess context, string hostName, string detectorName, IDataView input, FeatureColumn feature,
    Stopwatch total, CancellationToken cancellationToken, Action checkCanceled) : IDisposable
{
    private IHost? host;
    private IChannel? channel;

    /// <summary>The training data.</summary>
    public IDataView Input => input;

    /// <summary>The training data's feature column, resolved and checked.</summary>
    public FeatureColumn Feature => feature;

    /// <summary>The trainer's host in the MLContext (registered under the trainer's host name, e.g. "DeepSvdd"), made on first use.</summary>
    public IHost Host => host ??= context.Environment.Register(hostName);

    /// <summary>The "Training" channel of <see cref="Host"/> (the MLContext's log), started on first use and ended with this setup.</summary>
    public IChannel Channel => channel ??= Host.Start("Training");

    /// <summary>Running since <c>Fit</c> was called.</summary>
    public Stopwatch Total => total;

    /// <summary>The fit's cancellation token.</summary>
    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Throws <see cref="OperationCanceledException"/> once the token or the MLContext is cancelled; cheap for every minibatch.</summary>
    public Action CheckCanceled => checkCanceled;

    /// <summary>The trainer's MLContext (device settings, cancellation).</summary>
    public MLContextAccess Context => context;

    /// <summary>The training seed: <paramref name="requested"/> when set, otherwise the next number of <see cref="Host"/>'s random source.</summary>
    /// <param name="requested">The seed the options set, or null.</param>
    public int ChooseSeed(int? requested) => requested ?? Host.Rand.Next();

    /// <summary>Refuses training data of fewer than 2 rows, with the detector's name (e.g. "Deep SVDD") in the message.</summary>
    /// <param name="rows">The rows loaded.</param>
    /// <exception cref="ArgumentException">Fewer than 2 rows.</exception>
    public void RequireTwoRows(int rows)
    {
        if (rows == 0) throw new ArgumentException("The training data has no rows.", "input");
        if (rows < 2) throw new ArgumentException($"The training data has {rows} row; {detectorName} needs at least 2.", "input");
    }

    /// <summary>Ends the training channel when one was started.</summary>
    public void Dispose() => channel?.Dispose();
}
