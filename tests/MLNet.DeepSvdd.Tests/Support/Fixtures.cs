namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>Small, fast settings shared by the end-to-end tests: a small MLP on the synthetic problem.</summary>
public static class Fixtures
{
    public static DeepSvddTrainer.Options FastOptions(Action<DeepSvddTrainer.Options>? change = null)
    {
        var options = new DeepSvddTrainer.Options
        {
            Epochs = 8,
            LearningRate = 1e-3f,
            HiddenLayers = [32],
            RepresentationDimension = 8,
            NoiseHeads = 16,
            Seed = 1,
        };
        change?.Invoke(options);
        return options;
    }

    public static (IDataView Train, IDataView Test) SyntheticSplit(MLContext ml, int trainRows = 600, int testRows = 400, int seed = 0)
    {
        var data = new SyntheticData(seed);
        return (SyntheticData.Load(ml, data.NormalRows(trainRows)), SyntheticData.Load(ml, data.MixedRows(testRows)));
    }
}
