using System.Diagnostics;

namespace MLNet.DeepSvdd.Shared.Detectors;

/// <summary>
/// The shape of every trainer of this library (Deep SVDD, GEO, Isolation Forest, one-class SVM): an ML.NET estimator created by a catalog
/// extension method with an options object that is validated and copied on creation, <c>Fit(data)</c> and <c>Fit(data, token)</c>
/// (cancellable through the token or the MLContext's <c>CancelExecution</c>, before any work when already cancelled), and an output
/// schema of the input plus <c>Score</c> (<see cref="float"/>) and <c>PredictedLabel</c> (<see cref="bool"/>). <c>Fit</c> does the setup
/// every detector shares once (the feature column, the cancellation check, the host, channel and seed: a <see cref="FitSetup"/>) and hands
/// it to the detector's <c>FitDetector</c>.
/// </summary>
/// <typeparam name="TOptions">The detector's options.</typeparam>
/// <typeparam name="TTransformer">The fitted detector.</typeparam>
public abstract class DetectorTrainer<TOptions, TTransformer> : IEstimator<TTransformer>
    where TOptions : DetectorOptions
    where TTransformer : DetectorTransformer
{
    private readonly TOptions settings;

    private protected DetectorTrainer(MLContextAccess context, TOptions options, string detectorName, string hostName)
    {
        Context = context;
        settings = DetectorOptions.ValidatedCopy(options);
        DetectorName = detectorName;
        HostName = hostName;
    }

    /// <summary>A copy of the options this trainer was created with.</summary>
    public TOptions TrainerOptions => (TOptions)settings.Clone();

    /// <summary>The MLContext the trainer was created from (its log, random seed, device settings and cancellation).</summary>
    private protected MLContextAccess Context { get; }

    /// <summary>The options this trainer was created with (its own copy: read it, do not change it).</summary>
    private protected TOptions Settings => settings;

    /// <summary>The detector's name in messages, e.g. "Deep SVDD".</summary>
    private protected string DetectorName { get; }

    /// <summary>The name its host registers under in the MLContext (the source of its log messages), e.g. "DeepSvdd".</summary>
    private protected string HostName { get; }

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
        var total = Stopwatch.StartNew();
        using var setup = StartFit(input, ResolveFeature(input.Schema), cancellationToken, total);
        return FitDetector(setup);
    }

    /// <summary>The input schema plus <c>Score</c> (Single) and <c>PredictedLabel</c> (Boolean); checks the feature column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column (or another input column the options name) is missing or of the wrong type.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        DetectorOutputShape.CheckFeatureColumn(inputSchema, settings.FeatureColumnName);
        CheckOtherInputColumns(inputSchema);
        return DetectorOutputShape.WithScoreColumns(inputSchema);
    }

    /// <summary>
    /// Trains the detector on <see cref="FitSetup.Input"/>, whose feature column is resolved; the token was not cancelled when this is called.
    /// </summary>
    private protected abstract TTransformer FitDetector(FitSetup setup);

    /// <summary>
    /// The training data's feature column (<see cref="DetectorOptions.FeatureColumnName"/>), checked; errors name it the "training data".
    /// Detectors that read images override this to apply their image shape.
    /// </summary>
    private protected virtual FeatureColumn ResolveFeature(DataViewSchema schema) =>
        FeatureColumn.Resolve(schema, settings.FeatureColumnName, null, "training data");

    /// <summary>The setup of a fit on <paramref name="input"/> (also for work that trains several times on the same data).</summary>
    private protected FitSetup StartFit(IDataView input, FeatureColumn feature, CancellationToken cancellationToken, Stopwatch? total = null) =>
        new(Context, HostName, DetectorName, input, feature, total ?? Stopwatch.StartNew(), cancellationToken,
            () => ThrowIfCanceled(cancellationToken));

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
}
