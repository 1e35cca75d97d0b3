using MLNet.DeepSvdd.Runtime;
using TorchSharp.Modules;

namespace MLNet.DeepSvdd.Training.Optimization;

/// <summary>
/// Adam with L2 weight decay — the same update as <c>torch.optim.Adam(weight_decay=λ)</c> — over flat buffers: each parameter group's
/// parameters are re-pointed to views of one contiguous tensor, their gradients to views of another, so a step is a handful of
/// whole-buffer operations instead of a dozen small operations per parameter tensor (ResNet-18 has 62, plus the head). Gradients
/// accumulate straight into the flat gradient buffer during backward; <see cref="ZeroGrad"/> clears it with one operation.
/// Update, per group with learning rate η: g ← ∇ + λθ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// θ ← θ − η/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
/// </summary>
internal sealed class FlatAdam : IDisposable
{
    private readonly List<Group> groups = [];
    private readonly double beta1, beta2, epsilon, weightDecay;
    private long step;

    public FlatAdam(IEnumerable<(IReadOnlyList<Parameter> Parameters, double LearningRate)> parameterGroups, double weightDecay,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        foreach (var (parameters, lr) in parameterGroups)
        {
            if (parameters.Count > 0) groups.Add(new Group(parameters, lr));
        }
    }

    /// <summary>Clears every gradient (one operation per group).</summary>
    public void ZeroGrad()
    {
        foreach (var g in groups) g.Gradients.zero_();
    }

    /// <summary>One Adam step for every group.</summary>
    public void Step()
    {
        step++;
        double correction1 = 1 - Math.Pow(beta1, step);
        double correction2Sqrt = Math.Sqrt(1 - Math.Pow(beta2, step));
        using var noGrad = no_grad();
        foreach (var g in groups)
        {
            var grad = g.Gradients;
            if (weightDecay != 0) grad.AddInPlace(g.Values, weightDecay);
            g.FirstMoment.MultiplyInPlace(beta1).AddInPlace(grad, 1 - beta1);
            g.SecondMoment.MultiplyInPlace(beta2).AddProductInPlace(grad, grad, 1 - beta2);
            g.Denominator.copy_(g.SecondMoment).sqrt_().DivideInPlace(correction2Sqrt).AddInPlace(epsilon);
            g.Values.AddQuotientInPlace(g.FirstMoment, g.Denominator, -g.LearningRate / correction1);
        }
    }

    public void Dispose()
    {
        foreach (var g in groups) g.Dispose();
    }

    private sealed class Group : IDisposable
    {
        public Group(IReadOnlyList<Parameter> parameters, double learningRate)
        {
            LearningRate = learningRate;
            var first = parameters[0];
            long total = parameters.Sum(p => p.numel());
            Values = empty([total], first.dtype, first.device).DetachFromDisposeScope();
            Gradients = zeros([total], first.dtype, first.device).DetachFromDisposeScope();
            FirstMoment = zeros([total], first.dtype, first.device).DetachFromDisposeScope();
            SecondMoment = zeros([total], first.dtype, first.device).DetachFromDisposeScope();
            Denominator = empty([total], first.dtype, first.device).DetachFromDisposeScope();
            using var noGrad = no_grad();
            long offset = 0;
            foreach (var p in parameters)
            {
                long n = p.numel();
                var value = Values.narrow(0, offset, n).view(p.shape);
                value.copy_(p);
                p.set_(value);
                p.grad = Gradients.narrow(0, offset, n).view(p.shape);
                offset += n;
            }
        }

        public double LearningRate { get; }

        public Tensor Values { get; }

        public Tensor Gradients { get; }

        public Tensor FirstMoment { get; }

        public Tensor SecondMoment { get; }

        public Tensor Denominator { get; }

        // Values is not disposed: the parameters are views of it and live on in the trained network.
        public void Dispose()
        {
            Gradients.Dispose();
            FirstMoment.Dispose();
            SecondMoment.Dispose();
            Denominator.Dispose();
        }
    }
}
