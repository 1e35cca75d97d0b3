using MLNet.DeepSvdd.Selection.Candidates;
using MLNet.DeepSvdd.Selection.Search;

namespace MLNet.DeepSvdd.Tests.Selection;

/// <summary>What a <see cref="ScriptedCandidate"/> does when asked for its full epochs.</summary>
public enum AtFullEpochs
{
    /// <summary>Trains until the search's token is cancelled (by the time budget): an endless last survivor.</summary>
    RunUntilCancelled,

    /// <summary>Throws <see cref="TrainingDivergedException"/>, as a Deep SVDD run with too high a learning rate does.</summary>
    Diverge,
}

/// <summary>
/// A candidate that trains "in epochs" for successive halving but is quick and deterministic: below its full epochs it fits the wrapped shallow
/// candidate (so its trial completes with that candidate's validation AUC); at its full epochs it does what <see cref="AtFullEpochs"/> says.
/// </summary>
internal sealed class ScriptedCandidate(DetectorCandidate inner, int fullEpochs, AtFullEpochs atFull) : DetectorCandidate(inner.Name)
{
    public override string Family => "Scripted";

    public override IReadOnlyDictionary<string, string> Parameters => inner.Parameters;

    public override int? Epochs => fullEpochs;

    internal override TrialFit Fit(TrialContext context, int? epochs, CancellationToken cancellationToken)
    {
        if ((epochs ?? fullEpochs) < fullEpochs) return inner.Fit(context, null, cancellationToken);
        if (atFull == AtFullEpochs.Diverge) throw new TrainingDivergedException($"{Name} diverged at its full epochs (scripted).", epoch: 1, learningRate: 1);
        // A safety net: a test that waits here for more than a minute has a broken budget.
        if (!cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMinutes(1))) throw new TimeoutException("The time budget never stopped the scripted trial.");
        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException("unreachable");
    }
}
