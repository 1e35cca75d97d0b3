namespace MLNet.DeepSvdd.Selection.Search;

/// <summary>
/// The feature spaces of the shallow candidates, each fitted and computed once per search (per resolution for the CNN features) and
/// kept in memory: the ResNet-18 forward pass over the training and validation images is the expensive part of a shallow trial.
/// </summary>
internal sealed class FeatureCache
{
    /// <summary>The column the computed features are written to.</summary>
    public const string Column = "SearchFeatures";

    private readonly MLContext ml;
    private readonly IDataView train;
    private readonly IDataView validation;
    private readonly string featureColumn;
    private readonly int seed;
    private readonly Dictionary<(FeatureSpace, int?), FeatureViews> cache = [];

    public FeatureCache(MLContext ml, IDataView train, IDataView validation, string featureColumn, int seed)
    {
        this.ml = ml;
        this.train = train;
        this.validation = validation;
        this.featureColumn = featureColumn;
        this.seed = seed;
    }

    /// <summary>The training and validation features of <paramref name="space"/>, and the fitted featurizer (null for raw features).</summary>
    public FeatureViews Get(FeatureSpace space, int? inputResolution)
    {
        if (space == FeatureSpace.Raw) return new FeatureViews(null, train, validation, featureColumn);
        var key = (space, space == FeatureSpace.ResNet18Features ? inputResolution : null);
        if (cache.TryGetValue(key, out var views)) return views;
        IEstimator<ITransformer> estimator = space switch
        {
            FeatureSpace.ResNet18Features => ml.Transforms.ResNet18Features(Column, featureColumn, inputResolution: inputResolution),
            FeatureSpace.PixelPca => ml.Transforms.PixelPca(Column, featureColumn, rank: Math.Max(1, Math.Min(64, RowCount(train) - 1)), seed: seed),
            _ => throw new ArgumentOutOfRangeException(nameof(space), space, "Unknown feature space."),
        };
        var featurizer = estimator.Fit(train);
        views = new FeatureViews(featurizer, Materialize(featurizer.Transform(train)), Materialize(featurizer.Transform(validation)), Column);
        cache[key] = views;
        return views;
    }

    private static int RowCount(IDataView data)
    {
        if (data.GetRowCount() is long known) return (int)known;
        using var cursor = data.GetRowCursor([]); // counts rows without reading any column
        int rows = 0;
        while (cursor.MoveNext()) rows++;
        return rows;
    }

    /// <summary>Reads the computed column once into memory, so later trials do not run the featurizer again.</summary>
    private IDataView Materialize(IDataView featurized)
    {
        var rows = featurized.GetColumn<float[]>(Column).ToList();
        return InMemoryVectors.Load(ml, Column, rows.Count > 0 ? rows[0].Length : 0, rows);
    }
}

/// <summary>The features a shallow candidate trains and validates on.</summary>
/// <param name="Featurizer">The fitted feature transform the final model starts with; null when the candidate reads the input column itself.</param>
/// <param name="Train">Training rows with the feature column.</param>
/// <param name="Validation">Validation rows with the feature column, in the validation set's order.</param>
/// <param name="Column">The feature column's name.</param>
internal sealed record FeatureViews(ITransformer? Featurizer, IDataView Train, IDataView Validation, string Column);
