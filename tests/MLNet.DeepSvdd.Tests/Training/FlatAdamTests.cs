using MLNet.DeepSvdd.Networks;
using MLNet.DeepSvdd.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Training;

public class FlatAdamTests
{
    private static FeatureMap Network(int seed) => new NetworkSpec(DeepSvddNetwork.Mlp, [6], 4, UseBias: true, [8]).Build(new Generator((ulong)seed));

    [Fact]
    public void FlatAdam_takes_the_same_steps_as_TorchSharp_Adam_with_weight_decay_and_two_learning_rates()
    {
        using var reference = Network(1);
        using var flat = Network(1);
        using var referenceHead = nn.Linear(4, 3);
        using var flatHead = nn.Linear(4, 3);
        using (no_grad()) { flatHead.weight!.copy_(referenceHead.weight!); flatHead.bias!.copy_(referenceHead.bias!); }

        using var adam = optim.Adam(
            [
                new Adam.ParamGroup(reference.parameters(), new Adam.Options { LearningRate = 1e-2 }),
                new Adam.ParamGroup(referenceHead.parameters(), new Adam.Options { LearningRate = 1e-1 }),
            ], lr: 1e-2, weight_decay: 5e-4);
        using var flatAdam = new FlatAdam([(flat.parameters().ToList(), 1e-2), (flatHead.parameters().ToList(), 1e-1)], weightDecay: 5e-4);

        var generator = new Generator(3);
        for (int step = 0; step < 5; step++)
        {
            using var x = randn([16, 6], generator: generator);
            adam.zero_grad();
            using (var loss = referenceHead.forward(reference.forward(x)).square().mean()) loss.backward();
            adam.step();
            flatAdam.ZeroGrad();
            using (var loss = flatHead.forward(flat.forward(x)).square().mean()) loss.backward();
            flatAdam.Step();
        }

        var expected = reference.parameters().Concat(referenceHead.parameters()).SelectMany(p => p.data<float>().ToArray()).ToArray();
        var actual = flat.parameters().Concat(flatHead.parameters()).SelectMany(p => p.data<float>().ToArray()).ToArray();
        actual.Should().Equal(expected, (a, b) => Math.Abs(a - b) <= 1e-6f);
        var initial = Network(1).parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        actual.Take(initial.Length).Should().NotEqual(initial, "the steps moved the parameters");
    }

    [Fact]
    public void ZeroGrad_clears_the_gradients_that_backward_accumulates_into_the_flat_buffer()
    {
        using var network = Network(1);
        using var flatAdam = new FlatAdam([(network.parameters().ToList(), 1e-2)], weightDecay: 0);
        using var x = ones(4, 6);
        using (var loss = network.forward(x).sum()) loss.backward();
        network.parameters().Any(p => p.grad is not null && p.grad.abs().sum().item<float>() > 0).Should().BeTrue();
        flatAdam.ZeroGrad();
        network.parameters().Should().OnlyContain(p => p.grad!.abs().sum().item<float>() == 0);
    }
}
