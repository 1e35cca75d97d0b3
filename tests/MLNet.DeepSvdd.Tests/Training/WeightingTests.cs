using MLNet.DeepSvdd.Training.Weighting;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Training;

public class WeightingTests
{
    [Fact]
    public void AdaptiveWeight_follows_eq_7_from_c0_equal_zero()
    {
        using var weight = new AdaptiveWeight(alpha: 0.9, beta: 0.5, CPU);
        // c1 = 0.9·0 + 0.5·0.1·(2/0.5) = 0.2 ; c2 = 0.9·0.2 + 0.05·(1/0.25) = 0.38 ; c3 = 0.9·0.38 + 0.05·(3/1) = 0.492
        var steps = new[] { (2.0f, 0.5f, 0.2), (1.0f, 0.25f, 0.38), (3.0f, 1.0f, 0.492) };
        foreach (var (svdd, reg, expected) in steps)
        {
            using var s = tensor(svdd);
            using var r = tensor(reg);
            weight.Next(s, r).item<float>().Should().BeApproximately((float)expected, 1e-6f);
        }
        weight.Current.Should().BeApproximately(0.492, 1e-6);
    }

    [Fact]
    public void AdaptiveWeight_uses_alpha_and_beta_where_eq_7_puts_them_and_skips_a_zero_regularizer_loss()
    {
        using var weight = new AdaptiveWeight(alpha: 0.5, beta: 0.2, CPU);
        // c1 = 0.5·0 + 0.2·0.5·(3/0.6) = 0.5 ; c2 = c1 (L_reg = 0) ; c3 = 0.5·0.5 + 0.1·(1/0.5) = 0.45
        // (α and β swapped would give c1 = 0.2·0 + 0.5·0.8·5 = 2.)
        var steps = new[] { (3.0f, 0.6f, 0.5), (7.0f, 0.0f, 0.5), (1.0f, 0.5f, 0.45) };
        foreach (var (svdd, reg, expected) in steps)
        {
            using var s = tensor(svdd);
            using var r = tensor(reg);
            weight.Next(s, r).item<float>().Should().BeApproximately((float)expected, 1e-6f);
        }
    }

    [Fact]
    public void AdaptiveWeight_keeps_its_value_when_the_regularizer_loss_is_zero()
    {
        using var weight = new AdaptiveWeight(alpha: 0.9, beta: 0.5, CPU);
        using var one = tensor(1f);
        using var half = tensor(0.5f);
        using var zero = tensor(0f);
        weight.Next(one, half); // 0.1
        weight.Next(one, zero).item<float>().Should().BeApproximately(0.1f, 1e-7f);
    }

    [Fact]
    public void AdaptiveWeight_does_not_pass_gradients_to_the_losses()
    {
        using var weight = new AdaptiveWeight(alpha: 0.9, beta: 0.5, CPU);
        using var s = tensor(2f, requires_grad: true);
        using var r = tensor(0.5f, requires_grad: true);
        weight.Next(s, r).requires_grad.Should().BeFalse();
    }

    [Fact]
    public void FixedWeight_is_always_one()
    {
        using var weight = new FixedWeight(CPU);
        using var s = tensor(5f);
        using var r = tensor(0.1f);
        weight.Next(s, r).item<float>().Should().Be(1f);
        weight.Next(s, r).item<float>().Should().Be(1f);
    }
}
