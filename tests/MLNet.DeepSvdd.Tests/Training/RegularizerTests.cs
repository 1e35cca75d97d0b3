using MLNet.DeepSvdd.Training.Regularizers;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Training;

public class RegularizerTests
{
    [Fact]
    public void VarianceHinge_is_the_threshold_minus_the_mean_unbiased_variance_when_below()
    {
        // Features of 3 rows × 2 dimensions. Column 0: 0, 1, 2 → mean 1, unbiased variance (1 + 0 + 1)/2 = 1.
        // Column 1: 0, 0, 3 → mean 1, unbiased variance (1 + 1 + 4)/2 = 3. Mean over dimensions: 2.
        using var features = tensor(new float[] { 0, 0, 1, 0, 2, 3 }, [3, 2]);
        new VarianceHinge(initialThreshold: 5, annealEpochs: 3).Loss(features, epoch: 0).item<float>().Should().BeApproximately(3f, 1e-6f);
        new VarianceHinge(initialThreshold: 1.5, annealEpochs: 3).Loss(features, epoch: 0).item<float>().Should().Be(0f, "the variance is above the threshold");
    }

    [Fact]
    public void VarianceHinge_threshold_is_divided_by_ten_every_r_epochs()
    {
        var hinge = new VarianceHinge(initialThreshold: 0.1, annealEpochs: 3);
        var thresholds = Enumerable.Range(0, 7).Select(hinge.ThresholdAt).ToArray();
        thresholds.Should().Equal([0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void NoiseInjection_loss_is_the_sigmoid_cross_entropy_of_its_head_against_the_drawn_labels()
    {
        using var generator = new Generator(7);
        using var noise = new NoiseInjection(representationDimension: 2, heads: 3, generator);
        using var features = tensor(new float[] { 0.5f, -1f, 2f, 0.25f }, [2, 2]);
        var weight = noise.Parameters[0];
        var bias = noise.Parameters[1];

        // Draw the labels the next Loss call will see with a generator in the same state.
        using var twin = new Generator(7);
        using var twinNoise = new NoiseInjection(2, 3, twin);
        using var labels = twinNoise.DrawLabels(2);

        double expected = 0;
        var w = weight.data<float>().ToArray();
        var b = bias.data<float>().ToArray();
        var x = features.data<float>().ToArray();
        var y = labels.data<float>().ToArray();
        for (int i = 0; i < 2; i++)
        {
            for (int q = 0; q < 3; q++)
            {
                double z = w[q * 2] * x[i * 2] + w[q * 2 + 1] * x[i * 2 + 1] + b[q];
                double s = 1 / (1 + Math.Exp(-z));
                expected -= y[i * 3 + q] * Math.Log(s) + (1 - y[i * 3 + q]) * Math.Log(1 - s);
            }
        }
        expected /= 2 * 3;
        ((double)noise.Loss(features, epoch: 0).item<float>()).Should().BeApproximately(expected, 1e-5);
    }

    [Fact]
    public void NoiseInjection_labels_are_binary_and_redrawn_at_every_iteration()
    {
        using var generator = new Generator(1);
        using var noise = new NoiseInjection(representationDimension: 4, heads: 64, generator);
        var draws = Enumerable.Range(0, 5).Select(_ => { using var t = noise.DrawLabels(50); return t.data<float>().ToArray(); }).ToList();
        draws.SelectMany(d => d).Should().OnlyContain(v => v == 0f || v == 1f);
        draws.SelectMany(d => d).Average().Should().BeApproximately(0.5f, 0.02f, "labels are uniform on {0, 1}");
        for (int i = 1; i < draws.Count; i++)
            draws[i].Zip(draws[i - 1]).Count(p => p.First != p.Second).Should().BeGreaterThan(1000, "about half of the 3200 labels change");
    }
}
