namespace MLNet.DeepSvdd.Training;

/// <summary>
/// Model selection on the validation set, as in the paper: the ROC AUC of the network before training and after every epoch, and a copy of
/// the weights (and the branches' radii R) of the best epoch so far — the untrained network (epoch 0) included, so a fit never ends below where it
/// started on the validation data. With two branches an epoch is ranked by the best of its three branch choices (both, pooled, patches), and
/// the kept epoch's choice is kept with it, so epoch and branches are chosen together. Scoring and copying are timed as
/// <see cref="FitPhase.Validation"/>.
/// </summary>
/// <param name="network">The network being trained.</param>
/// <param name="inputs">The staged validation inputs.</param>
/// <param name="validation">The validation labels.</param>
/// <param name="scoring">How output rows become scores.</param>
/// <param name="scoringRows">Rows per scoring pass.</param>
/// <param name="observer">Told where the validation phase starts and ends, or null.</param>
internal sealed class BestValidationEpoch(FeatureMap network, StagedInputs inputs, ValidationData validation, PatchScoring scoring,
    int scoringRows, ITrainingObserver? observer) : IDisposable
{
    private Dictionary<string, Tensor>? weights;

    /// <summary>The kept epoch (−1 before <see cref="Keep"/>).</summary>
    public int Epoch { get; private set; } = -1;

    /// <summary>Its validation AUC.</summary>
    public double Auc { get; private set; } = double.NegativeInfinity;

    /// <summary>Its branches' radii R (pooled first).</summary>
    public IReadOnlyList<double> Radii { get; private set; } = [];

    /// <summary>With two branches, its three validation AUCs and the branch choice that gave <see cref="Auc"/>; null with one branch.</summary>
    public BranchValidation? Branches { get; private set; }

    /// <summary>The validation AUC of the network as it is now, scored with <paramref name="spheres"/> (network in evaluation mode).</summary>
    public double Score(IReadOnlyList<BranchSphere> spheres)
    {
        observer?.PhaseStarted(FitPhase.Validation);
        network.eval();
        var scores = ScoringModel.ScoreAll(inputs.Features, inputs.Rows, scoring, spheres, scoringRows).Scores;
        double auc = RocAuc.Compute(validation.LabeledRows.Select(i => scores[i]).ToArray(), validation.IsAnomaly);
        observer?.PhaseEnded(FitPhase.Validation);
        return auc;
    }

    /// <summary>
    /// The network as it is now, on the validation set: with one branch its AUC; with two the AUC of each branch choice (both branches,
    /// the pooled one alone, the patch one alone) and the best of them (both on a tie, then pooled). One forward pass gives each branch's
    /// term per row; the three choices' scores are the larger term, the pooled term and the patch term, exactly what <see cref="Score"/>
    /// gives for each choice (one pass where three were).
    /// </summary>
    public (double Auc, BranchValidation? Branches) Validate(IReadOnlyList<BranchSphere> spheres)
    {
        if (spheres.Count == 1) return (Score(spheres), null);
        if (spheres.Count != 2) throw new InvalidOperationException("A model has one or two branches.");
        observer?.PhaseStarted(FitPhase.Validation);
        network.eval();
        var terms = ScoringModel.TermsAll(inputs.Features, inputs.Rows, scoring, spheres, scoringRows);
        double Auc(Func<int, float> score) => RocAuc.Compute(validation.LabeledRows.Select(score).ToArray(), validation.IsAnomaly);
        double pooled = Auc(i => terms[0][i]);
        double patches = Auc(i => terms[1][i]);
        double both = Auc(i => MathF.Max(terms[0][i], terms[1][i]));
        observer?.PhaseEnded(FitPhase.Validation);
        var choice = both >= Math.Max(pooled, patches) ? DeepSvddRepresentation.PooledAndPatches
            : pooled >= patches ? DeepSvddRepresentation.Pooled : DeepSvddRepresentation.Patches;
        return (Math.Max(both, Math.Max(pooled, patches)), new BranchValidation(both, pooled, patches, choice));
    }

    /// <summary>Keeps the current weights as epoch <paramref name="epoch"/>'s, whatever was kept before.</summary>
    public void Keep(int epoch, double auc, IReadOnlyList<double> radii, BranchValidation? branches = null)
    {
        observer?.PhaseStarted(FitPhase.Validation);
        Epoch = epoch;
        Auc = auc;
        Branches = branches;
        Radii = [.. radii];
        DisposeWeights();
        weights = Snapshot(network);
        observer?.PhaseEnded(FitPhase.Validation);
    }

    /// <summary>Keeps the current weights when <paramref name="auc"/> beats the kept epoch's.</summary>
    public void KeepIfBetter(int epoch, double auc, IReadOnlyList<double> radii, BranchValidation? branches = null)
    {
        if (auc > Auc) Keep(epoch, auc, radii, branches);
    }

    /// <summary>Loads the kept weights into the network.</summary>
    public void Restore() => network.load_state_dict(weights ?? throw new InvalidOperationException("No epoch was kept."));

    public void Dispose() => DisposeWeights();

    private static Dictionary<string, Tensor> Snapshot(FeatureMap network)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope(); // state_dict() and detach() hand out new tensor handles: free them with the scope
        return network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
    }

    private void DisposeWeights()
    {
        if (weights is null) return;
        foreach (var t in weights.Values) t.Dispose();
        weights = null;
    }
}
