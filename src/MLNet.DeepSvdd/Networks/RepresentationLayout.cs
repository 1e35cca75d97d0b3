namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// How the network's output row is laid out: the pooled point φ(x) (<see cref="PooledDimension"/> values) when <see cref="HasPooled"/>, then
/// the patch map ψ(x) (<see cref="PatchDimension"/> × <see cref="PatchHeight"/> × <see cref="PatchWidth"/> values, channel-major) when
/// <see cref="HasPatches"/>. Every consumer of the representation (centre, objective, regularizer, scores, collapse check) reads it through
/// the <see cref="RepresentationBranch"/>es this layout names, so one flat tensor carries both branches through the staged backbone, the
/// frozen-stage cache and the saved model.
/// </summary>
/// <param name="PooledDimension">p: the dimension of the pooled point (0 without it).</param>
/// <param name="PatchDimension">The dimension of every patch point (0 without patches).</param>
/// <param name="PatchHeight">Rows of the patch map (0 without patches).</param>
/// <param name="PatchWidth">Columns of the patch map (0 without patches).</param>
internal sealed record RepresentationLayout(int PooledDimension, int PatchDimension, int PatchHeight, int PatchWidth)
{
    /// <summary>The layout of a network with only the pooled point (Mlp, LeNet, <see cref="DeepSvddRepresentation.Pooled"/>).</summary>
    public static RepresentationLayout PooledOnly(int dimension) => new(dimension, 0, 0, 0);

    /// <summary>Whether the row starts with the pooled point.</summary>
    public bool HasPooled => PooledDimension > 0;

    /// <summary>Whether the row carries a patch map.</summary>
    public bool HasPatches => PatchDimension > 0 && PatchHeight > 0 && PatchWidth > 0;

    /// <summary>Positions of the patch map.</summary>
    public int PatchPositions => PatchHeight * PatchWidth;

    /// <summary>Values per output row.</summary>
    public int Size => PooledDimension + (HasPatches ? PatchDimension * PatchPositions : 0);

    /// <summary>The dimension of <paramref name="branch"/>'s points.</summary>
    public int Dimension(RepresentationBranch branch) => branch == RepresentationBranch.Pooled ? PooledDimension : PatchDimension;

    /// <summary>The branches, pooled first.</summary>
    public IReadOnlyList<RepresentationBranch> Branches => (HasPooled, HasPatches) switch
    {
        (true, true) => [RepresentationBranch.Pooled, RepresentationBranch.Patches],
        (false, true) => [RepresentationBranch.Patches],
        _ => [RepresentationBranch.Pooled],
    };

    /// <summary>The points of <paramref name="branch"/> in a batch of output rows: [rows, p] pooled, [rows · positions, p] patches (row-major positions).</summary>
    public Tensor Points(Tensor output, RepresentationBranch branch)
    {
        using var scope = NewDisposeScope();
        return (branch == RepresentationBranch.Pooled
            ? output.narrow(1, 0, PooledDimension)
            : PatchMap(output).permute(0, 2, 3, 1).reshape(-1, PatchDimension)).MoveToOuterDisposeScope();
    }

    /// <summary>The patch map of a batch of output rows: [rows, p, height, width].</summary>
    public Tensor PatchMap(Tensor output)
    {
        if (!HasPatches) throw new InvalidOperationException("The representation has no patch map.");
        return output.narrow(1, PooledDimension, (long)PatchDimension * PatchPositions).view(-1, PatchDimension, PatchHeight, PatchWidth);
    }

    /// <summary>Points of <paramref name="branch"/> per input row.</summary>
    public int PointsPerRow(RepresentationBranch branch) => branch == RepresentationBranch.Pooled ? 1 : PatchPositions;
}

/// <summary>One of the two representations a row can carry (<see cref="RepresentationLayout"/>).</summary>
internal enum RepresentationBranch
{
    /// <summary>φ(x): one point per row.</summary>
    Pooled,

    /// <summary>ψ(x): one point per position of the patch map.</summary>
    Patches,
}
