using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Training;

/// <summary>
/// Fine-tuning that keeps a pretrained backbone: the first <see cref="Count"/> stages of φ are frozen (no gradient, left out of the
/// optimizer, evaluation mode, so their weights and BatchNorm statistics stay bit-identical), and with <see cref="FreezeBatchNorm"/> every
/// BatchNorm layer keeps its statistics (evaluation mode) while its scale and shift, outside the frozen stages, are still trained.
/// φ(x) = <see cref="Trailing"/>(<see cref="Leading"/>(x)); the leading part is what <see cref="StagedInputs"/> can compute once.
/// </summary>
internal sealed class FrozenStages
{
    private readonly FeatureMap network;
    private readonly List<nn.Module> frozenModules = [];

    public FrozenStages(FeatureMap network, int count, bool freezeBatchNorm)
    {
        this.network = network;
        FreezeBatchNorm = freezeBatchNorm;
        if (count > 0)
        {
            var staged = network.Staged ?? throw new ArgumentException($"The {network.Spec.Kind} backbone has no stages to freeze.", nameof(count));
            if (count > staged.StageCount) throw new ArgumentOutOfRangeException(nameof(count), count, $"The backbone has {staged.StageCount} stages.");
            for (int stage = 0; stage < count; stage++) frozenModules.AddRange(staged.StageModules(stage));
            foreach (var module in frozenModules)
            {
                foreach (var p in module.parameters()) p.requires_grad = false;
            }
        }
        Count = count;
    }

    /// <summary>How many leading stages are frozen (0: none).</summary>
    public int Count { get; }

    /// <summary>Whether every BatchNorm layer keeps its statistics during training.</summary>
    public bool FreezeBatchNorm { get; }

    /// <summary>The parameters the optimizer trains: those outside the frozen stages.</summary>
    public List<Parameter> TrainableParameters => network.parameters().Where(p => p.requires_grad).ToList();

    /// <summary>Training mode for the trained part; evaluation mode for the frozen stages and, with <see cref="FreezeBatchNorm"/>, every BatchNorm.</summary>
    public void TrainMode()
    {
        network.train();
        foreach (var module in frozenModules) module.eval();
        if (!FreezeBatchNorm) return;
        foreach (var (_, module) in network.named_modules())
        {
            if (module is BatchNorm) module.eval();
        }
    }

    /// <summary>The frozen part (input stage and frozen stages) of flat rows, without gradient; the rows themselves when nothing is frozen.</summary>
    public Tensor Leading(Tensor rows)
    {
        if (Count == 0) return rows.alias();
        using var noGrad = no_grad();
        return network.ForwardLeading(rows, Count);
    }

    /// <summary>The trained part: from <see cref="Leading"/>'s output to the representation.</summary>
    public Tensor Trailing(Tensor leading) => Count == 0 ? network.forward(leading) : network.ForwardTrailing(leading, Count);
}
