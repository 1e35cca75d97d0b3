namespace MLNet.DeepSvdd.Shared.Detectors;

/// <summary>
/// The shape of every trainer of this library (Deep SVDD, GEO, Isolation Forest, one-class SVM): an ML.NET estimator created by a catalog
/// extension method with an options object that is validated and copied on creation, <c>Fit(data)</c> and <c>Fit(data, token)</c>
/// (cancellable through the token or the MLContext's <c>CancelExecution</c>, before any work when already cancelled), and an output
/// schema of the input plus <c>Score</c> (<see cref="float"/>) and <c>PredictedLabel</c> (<see cref="bool"/>).
/// </summary>
/// <typeparam name="TOptions">The detector's options.</typeparam>
/// <typeparam name="TTransformer">The fitted detector.</typeparam>
public abstract class DetectorTrainer<TOptions, TTransformer> : IEstimator<TTransformer>
    where TOptions : DetectorOptions
    where TTransformer : DetectorTransformer
{
    private readonly TOptions settings;

    private protected DetectorTrainer(MLContextAccess context, TOptions options, string detectorName)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Context = context;
        settings = (TOptions)options.Clone();
        DetectorName = detectorName;
    }

    /// <summary>A copy of the options this trainer was created with.</summary>
    public TOptions TrainerOptions => (TOptions)settings.Clone();

    /// <summary>The MLContext the trainer was created from (its log, random seed, device settings and cancellation).</summary>
    private protected MLContextAccess Context { get; }

    /// <summary>The options this trainer was created with (its own copy: read it, do not change it).</summary>
    private protected TOptions Settings => settings;

    /// <summary>The detector's name in messages, e.g. "Deep SVDD".</summary>
    private protected string DetectorName { get; }

    /// <summary>Trains on <paramref name="input"/>. To be able to cancel, use <see cref="Fit(IDataView, CancellationToken)"/>.</summary>
    public TTransformer Fit(IDataView input) => Fit(input, CancellationToken.None);

    /// <summary>
    /// Trains on <paramref name="input"/>; stops with <see cref="OperationCanceledException"/> when the token (or the MLContext) is
    /// cancelled: before any work when it already is, otherwise at the detector's next check (see the detector's documentation).
    /// </summary>
    public TTransformer Fit(IDataView input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ThrowIfCanceled(cancellationToken); // an already cancelled token stops here, before the data (or libtorch) is touched
        return FitDetector(input, cancellationToken);
    }

    /// <summary>The input schema plus <c>Score</c> (Single) and <c>PredictedLabel</c> (Boolean); checks the feature column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column (or another input column the options name) is missing or of the wrong type.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        string feature = settings.FeatureColumnName;
        if (!TryFind(inputSchema, feature, out var column))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Feature column '{feature}' was not found in the input schema.");
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Feature column '{feature}' must be a known-size vector of Single; it is {column.Kind} of {column.ItemType}.");
        }
        CheckOtherInputColumns(inputSchema);
        // SchemaShape.Column has no public constructor: let a schema-only CustomMapping with the same output row type add the columns.
        return new MLContext().Transforms.CustomMapping<NoInputColumns, ScoreColumns>((_, _) => { }, null).GetOutputSchema(inputSchema);
    }

    /// <summary>Trains the detector; the input is not null and the token was not cancelled when this is called.</summary>
    private protected abstract TTransformer FitDetector(IDataView input, CancellationToken cancellationToken);

    /// <summary>Checks input columns other than the feature column that the options name (e.g. a label column).</summary>
    private protected virtual void CheckOtherInputColumns(SchemaShape inputSchema)
    {
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when <paramref name="token"/> or the MLContext is cancelled.</summary>
    private protected void ThrowIfCanceled(CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        if (Context.IsCanceled) throw new OperationCanceledException($"{DetectorName} training was cancelled: the MLContext was cancelled.");
    }

    private protected static bool TryFind(SchemaShape schema, string name, out SchemaShape.Column column)
    {
        foreach (var candidate in schema)
        {
            if (candidate.Name == name)
            {
                column = candidate;
                return true;
            }
        }
        column = default;
        return false;
    }

    /// <summary>The input row of the schema-only mapping: no columns.</summary>
    private sealed class NoInputColumns
    {
    }

    /// <summary>The columns every detector adds.</summary>
    private sealed class ScoreColumns
    {
        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
