namespace MLNet.DeepSvdd.Baselines;

/// <summary>The baselines' cancellation check: the caller's token, then the MLContext's own cancellation (<c>CancelExecution</c>).</summary>
internal static class CancellationCheck
{
    /// <summary>Throws <see cref="OperationCanceledException"/> when <paramref name="token"/> or the context is cancelled.</summary>
    public static void ThrowIfCanceled(CancellationToken token, MLContextAccess context, string trainer)
    {
        token.ThrowIfCancellationRequested();
        if (context.IsCanceled) throw new OperationCanceledException($"{trainer} training was cancelled: the MLContext was cancelled.");
    }
}
