using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// The inputs of the shallow baselines for one protocol split, computed once and shared by OC-SVM and Isolation Forest: PCA of the raw
/// pixels (ML.NET's <c>ProjectToPrincipalComponents</c>, rank <see cref="PcaRank"/>, fitted on the training images) and the pretrained
/// ResNet-18's 512 pooled features (with or without the stem max-pool). Labeled anomalies of a semi-supervised training set are left out
/// (the shallow detectors are unsupervised).
/// </summary>
internal sealed class ShallowFeatureSets
{
    /// <summary>Number of principal components kept.</summary>
    public const int PcaRank = 64;

    private readonly MLContext ml;
    private readonly ProtocolSplits splits;
    private readonly int seed;
    private readonly Func<bool, PretrainedFeatures> extractor;
    private readonly bool useMaxPool;
    private readonly Dictionary<ShallowFeatures, (IDataView Train, IDataView Validation, IDataView Test)> cache = [];

    public ShallowFeatureSets(MLContext ml, ProtocolSplits splits, int seed, bool useMaxPool, Func<bool, PretrainedFeatures> extractor)
    {
        this.ml = ml;
        this.splits = splits;
        this.seed = seed;
        this.useMaxPool = useMaxPool;
        this.extractor = extractor;
    }

    /// <summary>Training, validation and test views with a <c>Features</c> vector and the split's <c>Label</c>.</summary>
    public (IDataView Train, IDataView Validation, IDataView Test) Get(ShallowFeatures kind)
    {
        if (cache.TryGetValue(kind, out var views)) return views;
        var train = ReadRows(splits.Train.Data, dropLabeledAnomalies: true);
        var validation = ReadRows(splits.Validation.Data, dropLabeledAnomalies: false);
        var test = ReadRows(splits.Test.Data, dropLabeledAnomalies: false);
        views = kind switch
        {
            ShallowFeatures.Pca => Pca(train, validation, test),
            _ => Cnn(train, validation, test),
        };
        cache[kind] = views;
        return views;
    }

    private (IDataView, IDataView, IDataView) Pca((float[][] X, float[] Y) train, (float[][] X, float[] Y) validation, (float[][] X, float[] Y) test)
    {
        int size = train.X[0].Length;
        var estimator = ml.Transforms.ProjectToPrincipalComponents("Features", "Pixels", rank: Math.Min(PcaRank, train.X.Length - 1), seed: seed);
        var model = estimator.Fit(ToView(train, "Pixels", size));
        IDataView Project((float[][] X, float[] Y) part)
        {
            var projected = model.Transform(ToView(part, "Pixels", size));
            var x = projected.GetColumn<float[]>("Features").ToArray();
            return ToView((x, part.Y), "Features", x[0].Length);
        }
        return (Project(train), Project(validation), Project(test));
    }

    private (IDataView, IDataView, IDataView) Cnn((float[][] X, float[] Y) train, (float[][] X, float[] Y) validation, (float[][] X, float[] Y) test)
    {
        var features = extractor(useMaxPool);
        IDataView Extract((float[][] X, float[] Y) part) => ToView((features.Compute(part.X), part.Y), "Features", PretrainedFeatures.Dimension);
        return (Extract(train), Extract(validation), Extract(test));
    }

    private static (float[][] X, float[] Y) ReadRows(IDataView data, bool dropLabeledAnomalies)
    {
        var images = data.GetColumn<float[]>(ProtocolColumns.Image).ToArray();
        var labels = data.GetColumn<float>(ProtocolColumns.Label).ToArray();
        if (!dropLabeledAnomalies) return (images, labels);
        var keep = Enumerable.Range(0, images.Length).Where(i => !(labels[i] > 0)).ToArray();
        return (keep.Select(i => images[i]).ToArray(), keep.Select(i => float.IsNaN(labels[i]) ? 0f : labels[i]).ToArray());
    }

    private IDataView ToView((float[][] X, float[] Y) part, string column, int size) =>
        InMemoryVectors.Load(ml, column, size, part.X, part.Y, ProtocolColumns.Label);
}
