using MLNet.DeepSvdd.Training.Objectives;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Training;

public class ObjectiveTests
{
    // Squared distances of a minibatch of four rows, used by every hand computation below.
    private static readonly float[] D = [1f, 4f, 9f, 16f];

    [Fact]
    public void OneClass_loss_is_the_mean_squared_distance()
    {
        using var d = tensor(D);
        new OneClassObjective().Loss(d, null).item<float>().Should().BeApproximately((1 + 4 + 9 + 16) / 4f, 1e-6f);
    }

    [Fact]
    public void SoftBoundary_loss_is_R2_plus_mean_violation_over_nu()
    {
        using var d = tensor(D);
        var objective = new SoftBoundaryObjective(nu: 0.5, warmUpEpochs: 0) { Radius = 2.5 };
        // R² = 6.25; violations max(0, d − 6.25) = 0, 0, 2.75, 9.75; mean 3.125; / ν = 6.25; + R² = 12.5
        objective.Loss(d, null).item<float>().Should().BeApproximately(12.5f, 1e-5f);
    }

    [Fact]
    public void SoftBoundary_radius_is_the_one_minus_nu_quantile_of_the_distances_after_warm_up()
    {
        using var d = tensor(D); // √d = 1, 2, 3, 4
        var objective = new SoftBoundaryObjective(nu: 0.1, warmUpEpochs: 2);
        objective.UpdateRadius(d, epoch: 1);
        objective.Radius.Should().Be(0, "R stays 0 during the warm-up epochs");
        objective.UpdateRadius(d, epoch: 2);
        // 0.9 quantile of [1, 2, 3, 4], linear interpolation: position 0.9·3 = 2.7 → 3 + 0.7·(4 − 3) = 3.7
        objective.Radius.Should().BeApproximately(3.7, 1e-5);
    }

    [Fact]
    public void SemiSupervised_loss_follows_eq_3_with_NaN_as_unlabeled()
    {
        using var d = tensor(D);
        using var labels = tensor(new[] { float.NaN, 0f, 1f, float.NaN });
        var objective = new SemiSupervisedObjective(eta: 2.0);
        // unlabeled: 1 and 16; labeled normal: η·4 = 8; labeled anomaly: η/(9 + 1e-6); mean over the 4 rows.
        double expected = (1 + 16 + 8 + 2.0 / (9 + 1e-6)) / 4;
        objective.Loss(d, labels).item<float>().Should().BeApproximately((float)expected, 1e-5f);
    }

    [Fact]
    public void SemiSupervised_loss_without_labels_is_the_one_class_loss()
    {
        using var d = tensor(D);
        using var unlabeled = tensor(new[] { float.NaN, float.NaN, float.NaN, float.NaN });
        new SemiSupervisedObjective(eta: 3.0).Loss(d, unlabeled).item<float>().Should().BeApproximately(7.5f, 1e-6f);
    }
}
