using MLNet.DeepSvdd.Runtime;
using MLNet.DeepSvdd.Training.Objectives;
using MLNet.DeepSvdd.Training.Optimization;
using MLNet.DeepSvdd.Training.Regularizers;
using MLNet.DeepSvdd.Training.Weighting;

namespace MLNet.DeepSvdd.Training;

/// <summary>
/// The optimizer steps of one epoch: a fresh permutation of the training rows, then for every minibatch L = L_svdd + c_t·L_reg, an Adam
/// step, the soft-boundary radius update and the epoch's running sums of L_svdd, L_reg and the feature variance. Each step runs in its own
/// dispose scope; the sums stay on the device and are read once, by <see cref="Report"/>.
/// </summary>
/// <param name="frozen">The network with its frozen stages.</param>
/// <param name="inputs">The staged training inputs.</param>
/// <param name="rows">Training rows.</param>
/// <param name="labels">The semi-supervised labels, or null.</param>
/// <param name="layout">How the network's output rows carry the branches.</param>
/// <param name="branches">Each branch's centre, L_svdd, L_reg and c_t (pooled first).</param>
/// <param name="optimizer">Adam over φ (and the noise head).</param>
/// <param name="batchSize">Rows per minibatch.</param>
/// <param name="shuffle">The source of each epoch's permutation.</param>
/// <param name="device">Where the sums live.</param>
/// <param name="checkCanceled">Called after every step.</param>
internal sealed class EpochSteps(FrozenStages frozen, StagedInputs inputs, int rows, Tensor? labels, RepresentationLayout layout,
    IReadOnlyList<BranchTerms> branches, FlatAdam optimizer, int batchSize, Random shuffle, Device device, Action checkCanceled) : IDisposable
{
    private readonly Tensor sumSvdd = zeros([], ScalarType.Float32, device).DetachFromDisposeScope();
    private readonly Tensor sumReg = zeros([], ScalarType.Float32, device).DetachFromDisposeScope();
    private readonly Tensor sumVar = zeros([], ScalarType.Float32, device).DetachFromDisposeScope();

    /// <summary>Training rows.</summary>
    public int Rows { get; } = rows;

    /// <summary>Minibatches per epoch; a trailing minibatch of one row is dropped (BatchNorm and the variance hinge need two).</summary>
    public int Batches { get; } = rows / batchSize + (rows % batchSize >= 2 ? 1 : 0);

    /// <summary>Minibatches done in the current epoch (for the progress channel).</summary>
    public int CompletedBatches { get; private set; }

    /// <summary>The first branch's radius R after the steps so far: the soft-boundary objective's, 0 for objectives without one.</summary>
    public double Radius => branches[0].Radius;

    /// <summary>Runs the steps of epoch <paramref name="epoch"/> (1-based); checks for cancellation after every step.</summary>
    public void Run(int epoch)
    {
        frozen.TrainMode();
        foreach (var branch in branches) branch.Regularizer?.Train(true);
        sumSvdd.zero_(); sumReg.zero_(); sumVar.zero_();
        using var permutation = tensor(Permutation(shuffle, Rows), ScalarType.Int64, device).DetachFromDisposeScope();
        for (int b = 0; b < Batches; b++)
        {
            using var scope = NewDisposeScope();
            int start = b * batchSize;
            Step(permutation.narrow(0, start, Math.Min(batchSize, Rows - start)), epoch - 1);
            CompletedBatches = b + 1;
            checkCanceled();
        }
    }

    /// <summary>
    /// The epoch's means over its minibatches, c_t, R and the variance-hinge threshold, with <paramref name="validationAuc"/> and
    /// <paramref name="duration"/>; reads the device once. With two branches the losses are their sums, the feature variance the smaller
    /// branch's, and c_t, R and the threshold the first (pooled) branch's.
    /// </summary>
    public EpochReport Report(int epoch, double? validationAuc, TimeSpan duration) => new(epoch,
        sumSvdd.item<float>() / Batches, sumReg.item<float>() / Batches, branches[0].Weight?.Current ?? 0, sumVar.item<float>() / Batches,
        Radius, branches[0].Regularizer is VarianceHinge hinge ? hinge.ThresholdAt(epoch - 1) : 0, validationAuc, duration);

    /// <summary>One minibatch: forward, L = L_svdd + c_t·L_reg, Adam step, radius update, running sums. <paramref name="epochIndex"/> is 0-based.</summary>
    private void Step(Tensor index, int epochIndex)
    {
        var z = frozen.Trailing(inputs.Select(index));
        var batchLabels = labels?.index_select(0, index);
        Tensor? loss = null, variance = null;
        var distances = new Tensor[branches.Count];
        for (int b = 0; b < branches.Count; b++)
        {
            var terms = branches[b];
            var points = layout.Points(z, terms.Branch);
            var d = points.sub(terms.Center).Squared().sum(1);
            distances[b] = d;
            int perRow = layout.PointsPerRow(terms.Branch);
            var lsvdd = terms.Objective.Loss(d, perRow == 1 ? batchLabels : batchLabels?.repeat_interleave(perRow));
            var branchLoss = lsvdd;
            if (terms.Regularizer is not null)
            {
                var lreg = terms.Regularizer.Loss(points, epochIndex);
                branchLoss = lsvdd.Plus(terms.Weight!.Next(lsvdd, lreg) * lreg);
                sumReg.AddInPlace(lreg.detach());
            }
            loss = loss is null ? branchLoss : loss.Plus(branchLoss);
            using (no_grad())
            {
                sumSvdd.AddInPlace(lsvdd.detach());
                var v = points.detach().var(dim: 0).mean();
                variance = variance is null ? v : minimum(variance, v);
            }
        }
        optimizer.ZeroGrad();
        loss!.backward();
        optimizer.Step();
        for (int b = 0; b < branches.Count; b++) (branches[b].Objective as SoftBoundaryObjective)?.UpdateRadius(distances[b].detach(), epochIndex);
        using (no_grad()) sumVar.AddInPlace(variance!);
    }

    private static long[] Permutation(Random random, int n)
    {
        var p = new long[n];
        for (int i = 0; i < n; i++) p[i] = i;
        random.Shuffle(p);
        return p;
    }

    public void Dispose()
    {
        sumSvdd.Dispose();
        sumReg.Dispose();
        sumVar.Dispose();
    }
}
