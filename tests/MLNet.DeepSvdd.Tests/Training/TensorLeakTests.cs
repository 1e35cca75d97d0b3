namespace MLNet.DeepSvdd.Tests.Training;

public class TensorLeakTests
{
    [Theory]
    [InlineData(CollapseRegularizer.NoiseInjection, DeepSvddObjective.OneClass)]
    [InlineData(CollapseRegularizer.VarianceHinge, DeepSvddObjective.SoftBoundary)]
    public void Tensors_left_alive_by_a_fit_do_not_grow_with_the_number_of_batches(CollapseRegularizer regularizer, DeepSvddObjective objective)
    {
        var ml = new MLContext(seed: 1);
        var train = SyntheticData.Load(ml, new SyntheticData().NormalRows(500));
        var validation = SyntheticData.Load(ml, new SyntheticData(1).MixedRows(100));
        long LiveAfterFit(int epochs)
        {
            long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            var model = ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o =>
            {
                o.Epochs = epochs;
                o.Regularizer = regularizer;
                o.Objective = objective;
                o.RadiusWarmUpEpochs = 1;
                o.ValidationSet = validation;
            })).Fit(train);
            model.Transform(validation).GetColumn<float>("Score").Count().Should().Be(100);
            return DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
        }
        LiveAfterFit(1); // first use initialises lazily created tensors
        long short_ = LiveAfterFit(2), long_ = LiveAfterFit(6); // 10 vs 30 batches, 2 vs 6 validation passes
        long_.Should().Be(short_, "every step, validation pass and scoring batch must free its tensors");
    }
}
