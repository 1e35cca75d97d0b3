using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Scoring;

/// <summary>
/// How a model turns its output rows into scores: one term per branch of the representation (<see cref="RepresentationLayout"/>), each
/// the squared distance of the branch's points to the branch's centre, the patch branch's per-position distances reduced to one value per
/// row by <see cref="Reduction"/>, minus the branch's offset (R² in soft-boundary mode, else 0). With two branches each term is standardised
/// on the training rows (<see cref="BranchSphere"/>) and the score is the larger of the branches that take part: an image is as anomalous
/// as the branch in which it stands out most, so a wrong object (the pooled branch) and a small defect (the patch branch) both show, and a
/// branch in which an anomaly looks normal adds nothing. A model with one branch scores exactly ‖φ(x) − c‖² − offset, as before patches
/// existed.
/// </summary>
/// <param name="Layout">The output row's layout.</param>
/// <param name="Reduction">How a patch map becomes one score.</param>
/// <param name="TopFraction">The fraction of positions <see cref="PatchScoreReduction.TopMean"/> averages.</param>
internal sealed record PatchScoring(RepresentationLayout Layout, PatchScoreReduction Reduction, double TopFraction)
{
    /// <summary>The rule of a model without patches.</summary>
    public static PatchScoring PooledOnly(int dimension) => new(RepresentationLayout.PooledOnly(dimension), PatchScoreReduction.Max, 0);

    /// <summary>Positions <see cref="PatchScoreReduction.TopMean"/> averages: ⌈fraction · positions⌉, at least 1.</summary>
    public int TopCount => Math.Clamp((int)Math.Ceiling(TopFraction * Layout.PatchPositions - 1e-9), 1, Math.Max(1, Layout.PatchPositions));

    /// <summary>Squared distances of every point of <paramref name="branch"/> to <paramref name="center"/>: [rows] pooled, [rows, h, w] patches.</summary>
    public Tensor Distances(Tensor output, RepresentationBranch branch, Tensor center)
    {
        using var scope = NewDisposeScope();
        if (branch == RepresentationBranch.Pooled)
            return Layout.Points(output, branch).sub(center).Squared().sum(1).MoveToOuterDisposeScope();
        var map = Layout.PatchMap(output);
        return map.sub(center.view(1, -1, 1, 1)).Squared().sum(1).MoveToOuterDisposeScope();
    }

    /// <summary>One value per row from the branch's distances (<see cref="Distances"/>): itself (pooled) or the reduced map (patches).</summary>
    public Tensor Reduce(Tensor distances, RepresentationBranch branch)
    {
        if (branch == RepresentationBranch.Pooled) return distances.alias();
        using var scope = NewDisposeScope();
        var flat = distances.reshape(distances.shape[0], -1);
        var reduced = Reduction == PatchScoreReduction.Max ? flat.amax(1) : flat.topk(TopCount, 1).values.mean([1]);
        return reduced.MoveToOuterDisposeScope();
    }

    /// <summary>One branch's term of a batch of output rows: (reduced distance − offset − shift) / scale, one value per row.</summary>
    public Tensor Term(Tensor output, BranchSphere sphere)
    {
        using var scope = NewDisposeScope();
        var term = Reduce(Distances(output, sphere.Branch, sphere.Center), sphere.Branch);
        if (sphere.Offset != 0) term = term.Minus(sphere.Offset);
        if (sphere.Shift != 0) term = term.Minus(sphere.Shift);
        if (sphere.Scale != 1) term = term.DividedBy(sphere.Scale);
        return term.MoveToOuterDisposeScope();
    }

    /// <summary>The scores of a batch of output rows: max over the branches of weight 1 of (reduced distance_b − offset_b − shift_b) / scale_b.</summary>
    public Tensor Scores(Tensor output, IReadOnlyList<BranchSphere> spheres)
    {
        using var scope = NewDisposeScope();
        Tensor? total = null;
        foreach (var sphere in spheres)
        {
            if (sphere.Weight == 0) continue;
            var term = Term(output, sphere);
            total = total is null ? term : maximum(total, term);
        }
        return (total ?? throw new InvalidOperationException("A model scores with at least one branch.")).MoveToOuterDisposeScope();
    }
}
