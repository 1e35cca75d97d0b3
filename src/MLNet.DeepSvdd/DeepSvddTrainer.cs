using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.DeepSvdd.Data;
using MLNet.DeepSvdd.Networks;
using MLNet.DeepSvdd.Persistence;
using MLNet.DeepSvdd.Runtime;
using MLNet.DeepSvdd.Training;

namespace MLNet.DeepSvdd;

/// <summary>
/// Deep SVDD (Ruff et al. 2018) with the collapse regularizers and adaptive weighting of Chong et al. 2020, as an ML.NET anomaly-detection
/// trainer. Create it with <c>mlContext.AnomalyDetection.Trainers.DeepSvdd(...)</c>; <see cref="Fit(IDataView)"/> trains the network φ with
/// TorchSharp on normal data (plus labeled rows when <see cref="Options.LabelColumnName"/> is set) and returns a
/// <see cref="DeepSvddTransformer"/> whose Score is the squared distance to the hypersphere centre.
/// </summary>
public sealed partial class DeepSvddTrainer : IEstimator<DeepSvddTransformer>
{
    private readonly MLContextAccess context;
    private readonly Options options;

    internal DeepSvddTrainer(MLContextAccess context, Options options)
    {
        OptionsValidation.Validate(options);
        this.context = context;
        this.options = options.Clone();
    }

    /// <summary>A copy of the options this trainer was created with.</summary>
    public Options TrainerOptions => options.Clone();

    /// <summary>Trains on <paramref name="input"/>. To be able to cancel, use <see cref="Fit(IDataView, CancellationToken)"/>.</summary>
    /// <exception cref="HypersphereCollapseException">The trained model is collapsed (and <see cref="Options.ThrowOnCollapse"/> is true).</exception>
    /// <exception cref="TrainingDivergedException">The training diverged (non-finite or exploding loss): lower the LearningRate.</exception>
    public DeepSvddTransformer Fit(IDataView input) => Fit(input, CancellationToken.None);

    /// <summary>
    /// Trains on <paramref name="input"/>; stops with <see cref="OperationCanceledException"/> when the token (or the MLContext) is
    /// cancelled: before any work when it already is, otherwise within one minibatch.
    /// </summary>
    /// <exception cref="HypersphereCollapseException">The trained model is collapsed (and <see cref="Options.ThrowOnCollapse"/> is true).</exception>
    /// <exception cref="TrainingDivergedException">The training diverged (non-finite or exploding loss): lower the LearningRate.</exception>
    public DeepSvddTransformer Fit(IDataView input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckCanceled(); // an already cancelled token stops here, before the data, the network or libtorch is touched
        var total = Stopwatch.StartNew();
        var feature = FeatureColumn.Resolve(input.Schema, options.FeatureColumnName, options.ImageShape);
        var label = options.LabelColumnName is null ? (DataViewSchema.Column?)null
            : LabelColumn.Resolve(input.Schema, options.LabelColumnName, "Training");
        var network = NetworkResolver.Resolve(options, feature);
        (FeatureColumn Feature, DataViewSchema.Column Label)? validation = null;
        if (options.ValidationSet is { } validationSet)
        {
            var validationFeature = FeatureColumn.Resolve(validationSet.Schema, options.FeatureColumnName, options.ImageShape);
            if (validationFeature.Size != feature.Size)
            {
                throw new ArgumentException($"ValidationSet's feature column '{feature.Name}' has {validationFeature.Size} values per row; " +
                    $"the training data has {feature.Size}.", nameof(Options.ValidationSet));
            }
            string validationLabel = options.ValidationLabelColumnName ?? options.LabelColumnName ?? "Label";
            validation = (validationFeature, LabelColumn.Resolve(validationSet.Schema, validationLabel, "ValidationSet"));
        }

        var host = context.Environment.Register("DeepSvdd");
        using var channel = host.Start("Training");
        using var progress = host.StartProgressChannel("Deep SVDD training");
        void CheckCanceled()
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (context.IsCanceled) throw new OperationCanceledException("Deep SVDD training was cancelled: the MLContext was cancelled.");
        }

        var device = DeviceSelector.Select(options.Device, context, channel);
        int seed = options.Seed ?? host.Rand.Next();
        var observer = options.Progress as ITrainingObserver;
        observer?.PhaseStarted(FitPhase.Loading);
        using var train = DataViewLoader.Load(input, feature, label, device, CheckCanceled);
        if (train.Rows == 0) throw new ArgumentException("The training data has no rows.", nameof(input));
        if (train.Rows < 2) throw new ArgumentException($"The training data has {train.Rows} row; Deep SVDD needs at least 2.", nameof(input));
        using var validationData = validation is { } v
            ? ValidationData.From(DataViewLoader.Load(options.ValidationSet!, v.Feature, v.Label, device, CheckCanceled), v.Label.Name)
            : null;
        observer?.PhaseEnded(FitPhase.Loading);

        if (network.Note is not null) channel.Info(MessageSensitivity.None, network.Note);
        channel.Info(MessageSensitivity.None, $"Deep SVDD: {network.Spec} on {device}, {train.Rows} rows, {options.Epochs} epochs, objective {options.Objective}" +
            $"{(train.Labels is not null ? " (semi-supervised)" : "")}, regularizer {options.Regularizer} ({options.Weighting}), learning rate {network.LearningRate:G3}, " +
            $"frozen through {(BackboneStage)network.FrozenStages}, BatchNorm statistics {(network.FreezeBatchNorm ? "frozen" : "trained")}, seed {seed}.");
        var result = new TrainingLoop(options, network, device, seed, channel, progress, CheckCanceled).Run(train, validationData, total);
        channel.Info(MessageSensitivity.None, result.Report.ToString());

        if (result.Report.Collapse.IsCollapsed)
        {
            string message = CollapseMessage(result.Report, network.LearningRate);
            if (options.ThrowOnCollapse)
            {
                result.Model.Dispose();
                throw new HypersphereCollapseException(message, result.Report);
            }
            channel.Warning(MessageSensitivity.None, message);
        }
        return new DeepSvddTransformer(result.Model, result.Threshold, feature.Name, result.Report)
        {
            ScoringBatchSize = options.ScoringBatchSize,
            Environment = context.Environment,
        };
    }

    /// <summary>The input schema plus <c>Score</c> (Single) and <c>PredictedLabel</c> (Boolean); checks the feature column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        if (!TryFind(inputSchema, options.FeatureColumnName, out var column))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Feature column '{options.FeatureColumnName}' was not found in the input schema.");
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Feature column '{options.FeatureColumnName}' must be a known-size vector of Single.");
        if (options.LabelColumnName is { } labelName)
        {
            if (!TryFind(inputSchema, labelName, out var labelColumn))
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Label column '{labelName}' was not found in the input schema.");
            if (labelColumn.Kind != SchemaShape.Column.VectorKind.Scalar ||
                (labelColumn.ItemType != NumberDataViewType.Single && labelColumn.ItemType != BooleanDataViewType.Instance))
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Label column '{labelName}' must be a scalar Single or Boolean.");
        }
        // SchemaShape.Column has no public constructor: let a schema-only CustomMapping with the same output row type add the columns.
        return new MLContext().Transforms.CustomMapping<NoColumns, DeepSvddPrediction>((_, _) => { }, null).GetOutputSchema(inputSchema);
    }

    private static bool TryFind(SchemaShape schema, string name, out SchemaShape.Column column)
    {
        foreach (var candidate in schema)
        {
            if (candidate.Name == name) { column = candidate; return true; }
        }
        column = default;
        return false;
    }

    private string CollapseMessage(TrainingReport report, float learningRate)
    {
        string advice = options.Regularizer == CollapseRegularizer.None
            ? "Set Regularizer = CollapseRegularizer.NoiseInjection (or VarianceHinge), or UseBias = false (the collapse-safe standard Deep SVDD)"
            : options.UseBias
                ? $"Try the other regularizer, UseBias = false, or a lower LearningRate (now {learningRate:G3})"
                : $"Lower the LearningRate (now {learningRate:G3}) or WeightDecay (now {options.WeightDecay:G3})";
        return $"Deep SVDD collapsed (hypersphere collapse): {report.Collapse.Reason}. The network maps every input to the same point, so " +
            $"it cannot tell anomalies from normal data. {advice}. To inspect the collapsed model anyway, set ThrowOnCollapse = false.";
    }
}
