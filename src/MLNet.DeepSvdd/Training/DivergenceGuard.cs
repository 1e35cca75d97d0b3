using MLNet.DeepSvdd.Runtime;
using static System.FormattableString;

namespace MLNet.DeepSvdd.Training;

/// <summary>
/// Stops a Deep SVDD training that diverges, with a <see cref="TrainingDivergedException"/> that says to lower the learning rate. Diverged
/// means: the SVDD or regularizer loss of an epoch is NaN or infinite; or the SVDD loss of an epoch is more than <see cref="GrowthFactor"/>
/// times the loss before training (the mean ‖φ(x) − c‖² of the initial network, epoch 0 of the report); or a final training score is NaN or infinite. Healthy trainings lower the loss, and even a too-high but still
/// converging learning rate grows it by a few times at most; a learning rate of 100 on a small MLP grows it about 10¹⁰ times in the first
/// epoch. Checked once per epoch, on the figures the training loop already reads.
/// </summary>
internal sealed class DivergenceGuard
{
    /// <summary>How many times the loss before training an epoch's SVDD loss may reach.</summary>
    public const double GrowthFactor = 1e6;

    /// <summary>The smallest reference loss: a network whose initial loss is about 0 is judged against this.</summary>
    private const double MinimumReference = 1e-6;

    private readonly double learningRate;

    private DivergenceGuard(double initialLoss, double learningRate)
    {
        InitialLoss = initialLoss;
        this.learningRate = learningRate;
    }

    /// <summary>The mean SVDD distance before training, on the first scoring batch.</summary>
    public double InitialLoss { get; }

    /// <summary>
    /// Measures the loss before training: the mean ‖φ(x) − c‖² over the first <paramref name="batchSize"/> rows of
    /// <paramref name="data"/> (one forward pass of <paramref name="features"/>, in whatever mode the network is).
    /// </summary>
    public static DivergenceGuard Start(Func<Tensor, Tensor> features, Tensor data, Tensor center, double learningRate, int batchSize)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var batch = data.narrow(0, 0, Math.Min(batchSize, data.shape[0]));
        double initial = features(batch).sub(center).Squared().sum(1).mean().to(ScalarType.Float64).item<double>();
        return new DivergenceGuard(initial, learningRate);
    }

    /// <summary>A guard against <paramref name="initialLoss"/>, the mean ‖φ(x) − c‖² of the network before training (epoch 0 of the report).</summary>
    public static DivergenceGuard FromInitialLoss(double initialLoss, double learningRate) => new(initialLoss, learningRate);

    /// <summary>Throws when the epoch's losses show divergence.</summary>
    public void Check(EpochReport epoch)
    {
        if (Reason(epoch) is { } what) throw Diverged(epoch.Epoch, what);
    }

    /// <summary>What shows that the epoch diverged ("in epoch 3 the SVDD loss is NaN"), or null when it did not.</summary>
    public string? Reason(EpochReport epoch)
    {
        int number = epoch.Epoch;
        if (!double.IsFinite(epoch.SvddLoss) || !double.IsFinite(epoch.RegularizerLoss))
        {
            string which = !double.IsFinite(epoch.SvddLoss) ? Invariant($"the SVDD loss is {epoch.SvddLoss}") : Invariant($"the regularizer loss is {epoch.RegularizerLoss}");
            return $"in epoch {number} {which}";
        }
        double reference = Math.Max(InitialLoss, MinimumReference);
        if (double.IsFinite(reference) && epoch.SvddLoss > GrowthFactor * reference)
        {
            return Invariant($"in epoch {number} the SVDD loss reached {epoch.SvddLoss:G3}, {epoch.SvddLoss / reference:G2} times its value ") +
                Invariant($"before training ({InitialLoss:G3})");
        }
        return null;
    }

    /// <summary>Throws when a final training score is NaN or infinite, after disposing <paramref name="model"/> (it is not returned).</summary>
    public void CheckScores(IReadOnlyList<float> scores, IDisposable model)
    {
        for (int i = 0; i < scores.Count; i++)
        {
            if (float.IsFinite(scores[i])) continue;
            model.Dispose();
            throw Diverged(0, Invariant($"the trained model scores training row {i} {scores[i]}"));
        }
    }

    private TrainingDivergedException Diverged(int epoch, string what) =>
        new($"Deep SVDD training diverged: {what}. The optimizer's steps are too large for this network and data: lower LearningRate " +
            Invariant($"(now {learningRate:G3}), e.g. to {learningRate / 10:G3}. No model was returned."), epoch, learningRate);
}
