using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Scoring;

/// <summary>
/// The fitted detector as tensors: the network φ (evaluation mode) and one hypersphere per branch of its representation (<see cref="BranchSphere"/>:
/// centre, offset, scale) on one device. Score(x) = ‖φ(x) − c‖² (one-class) or ‖φ(x) − c‖² − R² (soft-boundary) for a pooled model; with
/// patches, the reduced patch distances take part as <see cref="PatchScoring"/> says. Safe to use from several threads at once.
/// </summary>
internal sealed class ScoringModel : IMapScorer, IDisposable
{
    /// <summary>A model with one branch: centre <paramref name="center"/> and radius <paramref name="radius"/>.</summary>
    public ScoringModel(FeatureMap network, Tensor center, double radius, DeepSvddObjective objective, Device device)
        : this(network, [center], [radius], [new BranchCalibration(0, 1, 1)], objective, PatchScoring.PooledOnly(network.Spec.RepresentationDimension), device)
    {
    }

    /// <summary>A model with one centre, radius and calibration per branch of <paramref name="scoring"/>'s layout, pooled first.</summary>
    public ScoringModel(FeatureMap network, IReadOnlyList<Tensor> centers, IReadOnlyList<double> radii, IReadOnlyList<BranchCalibration> calibrations,
        DeepSvddObjective objective, PatchScoring scoring, Device device)
    {
        var branches = scoring.Layout.Branches;
        if (scoring.Layout != network.Spec.Layout)
            throw new ArgumentException($"The scoring layout {scoring.Layout} does not match the network's {network.Spec.Layout}.", nameof(scoring));
        if (centers.Count != branches.Count || radii.Count != branches.Count || calibrations.Count != branches.Count)
            throw new ArgumentException($"The model has {branches.Count} branches; got {centers.Count} centres, {radii.Count} radii and {calibrations.Count} calibrations.");
        Network = network;
        Network.to(device);
        Network.eval();
        Objective = objective;
        Device = device;
        Scoring = scoring;
        Radii = [.. radii];
        Calibrations = [.. calibrations];
        Spheres = [.. branches.Select((branch, i) => new BranchSphere(branch, centers[i].detach().to(device).clone().DetachFromDisposeScope(),
            objective == DeepSvddObjective.SoftBoundary ? radii[i] * radii[i] : 0, calibrations[i].Shift, calibrations[i].Scale, calibrations[i].Weight))];
    }

    public FeatureMap Network { get; }

    /// <summary>The first branch's centre (the pooled one when there is one).</summary>
    public Tensor Center => Spheres[0].Center;

    /// <summary>The first branch's radius.</summary>
    public double Radius => Radii[0];

    /// <summary>Every branch's radius, pooled first.</summary>
    public IReadOnlyList<double> Radii { get; }

    /// <summary>Every branch's calibration (shift, scale, weight), pooled first.</summary>
    public IReadOnlyList<BranchCalibration> Calibrations { get; }

    /// <summary>The branches' hyperspheres, pooled first.</summary>
    public IReadOnlyList<BranchSphere> Spheres { get; }

    /// <summary>How output rows become scores.</summary>
    public PatchScoring Scoring { get; }

    public DeepSvddObjective Objective { get; }

    public Device Device { get; }

    public int InputSize => Network.Spec.InputSize;

    /// <summary>Whether the model has a patch branch, and so an anomaly map per row.</summary>
    public bool HasMaps => Scoring.Layout.HasPatches;

    /// <summary>The map's height: the input image's (the feature column's [C, H, W]).</summary>
    public int MapHeight => Network.Spec.InputShape.Length == 3 ? Network.Spec.InputShape[1] : 0;

    /// <summary>The map's width: the input image's.</summary>
    public int MapWidth => Network.Spec.InputShape.Length == 3 ? Network.Spec.InputShape[2] : 0;

    /// <summary>
    /// τ: the rendered patch distance that the map shows as 0.5 (<see cref="AnomalyMap"/>); learned at the end of training. Default 1 until
    /// then.
    /// </summary>
    public double MapThreshold { get; set; } = 1;

    /// <summary>The index of the patch branch in <see cref="Spheres"/>.</summary>
    private int PatchSphere => Scoring.Layout.HasPooled ? 1 : 0;

    /// <summary>The unnormalised rendered maps [rows, H, W] of a batch of output rows (<see cref="AnomalyMap.Render"/>).</summary>
    public Tensor RenderMaps(Tensor output)
    {
        using var scope = NewDisposeScope();
        var sphere = Spheres[PatchSphere];
        return AnomalyMap.Render(Scoring.Distances(output, sphere.Branch, sphere.Center), MapHeight, MapWidth).MoveToOuterDisposeScope();
    }

    /// <summary>Scores and normalised maps (0.5 = <see cref="MapThreshold"/>) for a batch of flat rows already on the device.</summary>
    public (Tensor Scores, Tensor Maps) ScoresAndMaps(Tensor batch)
    {
        using var scope = NewDisposeScope();
        var output = Network.forward(batch);
        var maps = RenderMaps(output).Times(AnomalyMap.ThresholdValue / MapThreshold);
        return (Scoring.Scores(output, Spheres).MoveToOuterDisposeScope(), maps.MoveToOuterDisposeScope());
    }

    /// <summary>Scores <paramref name="rows"/> flat rows and writes their normalised maps (rows one after another, H × W each).</summary>
    public void Score(float[] values, int rows, Span<float> scores, Span<float> maps)
    {
        if (!HasMaps) throw new InvalidOperationException("The model has no patch branch, so no anomaly maps.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (s, m) = ScoresAndMaps(Batch(values, rows));
        s.narrow(0, 0, rows).cpu().data<float>().CopyTo(scores[..rows]);
        m.narrow(0, 0, rows).cpu().contiguous().data<float>().CopyTo(maps[..(rows * MapHeight * MapWidth)]);
    }

    /// <summary>The first branch's score offset: R² for soft-boundary, 0 for one-class.</summary>
    public double Offset => Spheres[0].Offset;

    /// <summary>Scores for a batch of flat rows already on the device.</summary>
    public Tensor Scores(Tensor batch)
    {
        using var scope = NewDisposeScope();
        return Scoring.Scores(Network.forward(batch), Spheres).MoveToOuterDisposeScope();
    }

    /// <summary>Scores <paramref name="rows"/> flat rows held in <paramref name="values"/> (one tensor per call, not per row).</summary>
    public void Score(float[] values, int rows, Span<float> scores)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var result = Scores(Batch(values, rows)).narrow(0, 0, rows).cpu();
        result.data<float>().CopyTo(scores[..rows]);
    }

    /// <summary>
    /// The first <paramref name="rows"/> rows of <paramref name="values"/> as a [rows, InputSize] tensor on the device, except that a single
    /// row of a convolutional network (LeNet, ResNet) on the CPU is sent as a batch of two (the row twice; callers keep the first output).
    /// ATen sends a float CPU convolution of one image with a small kernel and a small input to NNPACK, which on CPUs it does not support
    /// prints "Could not initialize NNPACK! Reason: Unsupported hardware" for each such convolution: once per convolution per row for
    /// PredictionEngine and plain Model.Load scoring. With two images oneDNN takes them. The network is in evaluation mode (BatchNorm uses
    /// its running statistics), so a row's output does not depend on the other rows of its batch. MLP models are sent as they are: they
    /// have no convolution.
    /// </summary>
    private Tensor Batch(float[] values, int rows)
    {
        if (rows == 1 && Device.type == DeviceType.CPU && Network.Spec.Kind != DeepSvddNetwork.Mlp)
        {
            var twice = new float[2 * InputSize];
            values.AsSpan(0, InputSize).CopyTo(twice);
            values.AsSpan(0, InputSize).CopyTo(twice.AsSpan(InputSize));
            return tensor(twice, [2, InputSize]);
        }
        var batch = values.Length == rows * InputSize
            ? tensor(values, [rows, InputSize])
            : tensor(values.AsSpan(0, rows * InputSize).ToArray(), [rows, InputSize]);
        return batch.to(Device);
    }

    /// <summary>
    /// Scores every row produced batch by batch by <paramref name="outputs"/>(start, count) for rows [0, <paramref name="rows"/>) (the
    /// caller puts the network in evaluation mode); also returns, per branch, the mean per-dimension (unbiased) variance of its points over all
    /// rows and the mean of its reduced distances (what <see cref="BranchSphere.Scale"/> is set from).
    /// </summary>
    public static BranchPass ScoreAll(Func<long, long, Tensor> outputs, long rows, PatchScoring scoring, IReadOnlyList<BranchSphere> spheres,
        int batchSize)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var scores = new float[rows];
        int branches = spheres.Count;
        var sums = new Tensor?[branches];
        var sumSquares = new Tensor?[branches];
        var distanceSums = new double[branches];
        var distanceSquares = new double[branches];
        var points = new long[branches];
        for (long start = 0; start < rows; start += batchSize)
        {
            using var batchScope = NewDisposeScope();
            long count = Math.Min(batchSize, rows - start);
            var raw = outputs(start, count);
            scoring.Scores(raw, spheres).cpu().data<float>().CopyTo(scores.AsSpan((int)start, (int)count));
            for (int b = 0; b < branches; b++)
            {
                var branch = spheres[b].Branch;
                var f = scoring.Layout.Points(raw, branch).to(ScalarType.Float64);
                var s = f.sum(dim: 0);
                var s2 = f.Squared().sum(dim: 0);
                if (sums[b] is null) { sums[b] = s.MoveToOuterDisposeScope(); sumSquares[b] = s2.MoveToOuterDisposeScope(); }
                else { sums[b]!.AddInPlace(s); sumSquares[b]!.AddInPlace(s2); }
                points[b] += f.shape[0];
                if (branches > 1)
                {
                    var term = scoring.Reduce(scoring.Distances(raw, branch, spheres[b].Center), branch).to(ScalarType.Float64).Minus(spheres[b].Offset);
                    distanceSums[b] += term.sum().item<double>();
                    distanceSquares[b] += term.Squared().sum().item<double>();
                }
            }
        }
        var variances = new double[branches];
        for (int b = 0; b < branches; b++)
        {
            long n = points[b];
            if (n <= 1) continue;
            var mean = sums[b]!.DividedBy(n);
            variances[b] = sumSquares[b]!.DividedBy(n).sub(mean.Squared()).Times(n / (n - 1.0)).AtLeast(0).mean().item<double>();
        }
        var means = distanceSums.Select(d => rows > 0 ? d / rows : 0).ToArray();
        var deviations = distanceSquares.Select((q, b) => rows > 1 ? Math.Sqrt(Math.Max(q / rows - means[b] * means[b], 0) * rows / (rows - 1.0)) : 0).ToArray();
        return new BranchPass(scores, variances, means, deviations);
    }

    /// <summary>
    /// Every branch's term (<see cref="PatchScoring.Term"/>) of every row, in one forward pass of batches of <paramref name="batchSize"/>:
    /// [branch][row]. A score is the largest term of the branches of weight 1, so the scores of any choice of branches follow from these
    /// without another pass.
    /// </summary>
    public static float[][] TermsAll(Func<long, long, Tensor> outputs, long rows, PatchScoring scoring, IReadOnlyList<BranchSphere> spheres,
        int batchSize)
    {
        using var noGrad = no_grad();
        var terms = spheres.Select(_ => new float[rows]).ToArray();
        for (long start = 0; start < rows; start += batchSize)
        {
            using var batchScope = NewDisposeScope();
            long count = Math.Min(batchSize, rows - start);
            var raw = outputs(start, count);
            for (int b = 0; b < spheres.Count; b++)
                scoring.Term(raw, spheres[b]).cpu().data<float>().CopyTo(terms[b].AsSpan((int)start, (int)count));
        }
        return terms;
    }

    /// <summary>Scores every row of a device tensor in batches; also the per-branch variances and mean distances.</summary>
    public BranchPass ScoreAll(Tensor data, int batchSize) =>
        ScoreAll((start, count) => Network.forward(data.narrow(0, start, count)), data.shape[0], Scoring, Spheres, batchSize);

    /// <summary>The mean squared entry of <paramref name="center"/>: the scale the collapse check compares the feature variance with.</summary>
    public static double MeanSquare(Tensor center)
    {
        using var scope = NewDisposeScope();
        return center.Squared().mean().item<float>();
    }

    /// <summary>The first branch's centre as values.</summary>
    public float[] CenterValues() => CenterValues(0);

    /// <summary>Branch <paramref name="branch"/>'s centre as values.</summary>
    public float[] CenterValues(int branch)
    {
        using var scope = NewDisposeScope();
        return Spheres[branch].Center.cpu().data<float>().ToArray();
    }

    public void Dispose()
    {
        Network.Dispose();
        foreach (var sphere in Spheres) sphere.Center.Dispose();
    }
}

/// <summary>
/// What a scoring pass over many rows gives: the scores, and per branch the mean point variance and the mean and standard deviation over
/// rows of its reduced distance minus offset (those two computed only for models with two branches; else 0).
/// </summary>
/// <param name="Scores">One score per row.</param>
/// <param name="Variances">Per branch, the mean per-dimension (unbiased) variance of its points.</param>
/// <param name="MeanDistances">Per branch, the mean of its reduced distance minus offset.</param>
/// <param name="DistanceDeviations">Per branch, the (unbiased) standard deviation of the same.</param>
internal sealed record BranchPass(float[] Scores, double[] Variances, double[] MeanDistances, double[] DistanceDeviations);

/// <summary>How a branch's term enters a two-branch score (<see cref="BranchSphere"/>): shift, scale and weight.</summary>
/// <param name="Shift">The mean training term.</param>
/// <param name="Scale">Its standard deviation.</param>
/// <param name="Weight">1 or 0.</param>
internal sealed record BranchCalibration(double Shift, double Scale, double Weight);
