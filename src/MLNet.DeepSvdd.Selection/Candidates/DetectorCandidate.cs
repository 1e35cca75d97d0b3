namespace MLNet.DeepSvdd.Selection.Candidates;

/// <summary>
/// One configuration a <see cref="DetectorSearch"/> can train: a Deep SVDD setting (<see cref="DeepSvddCandidate"/>), a shallow baseline on a
/// feature space (<see cref="OneClassSvmCandidate"/>, <see cref="IsolationForestCandidate"/>) or any ML.NET anomaly estimator
/// (<see cref="EstimatorCandidate"/>).
/// </summary>
public abstract class DetectorCandidate
{
    private protected DetectorCandidate(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A candidate needs a name.", nameof(name));
        Name = name;
    }

    /// <summary>A short unique name, shown in the leaderboard.</summary>
    public string Name { get; }

    /// <summary>The detector family: "Deep SVDD", "One-class SVM", "Isolation Forest" or a custom candidate's.</summary>
    public abstract string Family { get; }

    /// <summary>The candidate's settings as name → value text, for the leaderboard.</summary>
    public abstract IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Epochs of a full training; null for detectors that do not train in epochs (successive halving runs those once).</summary>
    public virtual int? Epochs => null;

    /// <summary>Trains the candidate (with <paramref name="epochs"/> instead of its own when it trains in epochs) and scores the validation rows.</summary>
    internal abstract TrialFit Fit(TrialContext context, int? epochs, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
