namespace MLNet.DeepSvdd;

/// <summary>
/// Deep SVDD (Ruff et al. 2018) with the collapse regularizers and adaptive weighting of Chong et al. 2020, as an ML.NET anomaly-detection
/// trainer. Create it with <c>mlContext.AnomalyDetection.Trainers.DeepSvdd(...)</c>; <c>Fit</c> trains the network φ with
/// TorchSharp on normal data (plus labeled rows when <see cref="Options.LabelColumnName"/> is set) and returns a
/// <see cref="DeepSvddTransformer"/> whose Score is the squared distance to the hypersphere centre.
/// </summary>
public sealed partial class DeepSvddTrainer : DetectorTrainer<DeepSvddTrainer.Options, DeepSvddTransformer>
{
    internal DeepSvddTrainer(MLContextAccess context, Options options)
        : base(context, options, "Deep SVDD", "DeepSvdd")
    {
    }

    /// <summary>
    /// Trains on the setup's input; cancellation is checked at least once per minibatch.
    /// </summary>
    /// <exception cref="HypersphereCollapseException">The trained model is collapsed (and <see cref="Options.ThrowOnCollapse"/> is true).</exception>
    /// <exception cref="TrainingDivergedException">The training diverged (non-finite or exploding loss): lower the LearningRate.</exception>
    private protected override DeepSvddTransformer FitDetector(FitSetup setup)
    {
        var feature = setup.Feature;
        var label = Settings.LabelColumnName is null ? (DataViewSchema.Column?)null
            : LabelColumn.Resolve(setup.Input.Schema, Settings.LabelColumnName, "Training");
        var network = NetworkResolver.Resolve(Settings, feature);
        (FeatureColumn Feature, DataViewSchema.Column Label)? validation = null;
        if (Settings.ValidationSet is { } validationSet)
        {
            var validationFeature = FeatureColumn.Resolve(validationSet.Schema, Settings.FeatureColumnName, Settings.ImageShape);
            if (validationFeature.Size != feature.Size)
            {
                throw new ArgumentException($"ValidationSet's feature column '{feature.Name}' has {validationFeature.Size} values per row; " +
                    $"the training data has {feature.Size}.", nameof(Options.ValidationSet));
            }
            string validationLabel = Settings.ValidationLabelColumnName ?? Settings.LabelColumnName ?? "Label";
            validation = (validationFeature, LabelColumn.Resolve(validationSet.Schema, validationLabel, "ValidationSet"));
        }

        var channel = setup.Channel;
        using var progress = setup.Host.StartProgressChannel("Deep SVDD training");
        var device = setup.SelectDevice(Settings.Device);
        int seed = setup.ChooseSeed(Settings.Seed);
        var observer = Settings.Progress as ITrainingObserver;
        observer?.PhaseStarted(FitPhase.Loading);
        using var train = setup.LoadTraining(device, label);
        setup.RequireTwoRows(train.Rows);
        using var validationData = validation is { } v
            ? ValidationData.From(
                DataViewLoader.Load(Settings.ValidationSet!, v.Feature, v.Label, device, setup.CheckCanceled, "ValidationSet"), v.Label.Name)
            : null;
        observer?.PhaseEnded(FitPhase.Loading);

        channel.Info(MessageSensitivity.None, $"Deep SVDD: {network.Spec} on {device}, {train.Rows} rows, {Settings.Epochs} epochs, objective {Settings.Objective}" +
            $"{(train.Labels is not null ? " (semi-supervised)" : "")}, regularizer {Settings.Regularizer} ({Settings.Weighting}), learning rate {network.LearningRate:G3}, " +
            $"frozen through {(BackboneStage)network.FrozenStages}, BatchNorm statistics {(network.FreezeBatchNorm ? "frozen" : "trained")}, seed {seed}.");
        var result = new TrainingLoop(Settings, network, device, seed, channel, progress, setup.CheckCanceled)
            .Run(train, validationData, setup.Total);
        channel.Info(MessageSensitivity.None, result.Report.ToString());

        if (result.Report.Collapse.IsCollapsed)
        {
            string message = CollapseMessage(result.Report, network.LearningRate);
            if (Settings.ThrowOnCollapse)
            {
                result.Model.Dispose();
                throw new HypersphereCollapseException(message, result.Report);
            }
            channel.Warning(MessageSensitivity.None, message);
        }
        return new DeepSvddTransformer(result.Model, result.Threshold, feature.Name, result.Report)
        {
            ScoringBatchSize = Settings.ScoringBatchSize,
            Environment = Context.Environment,
        };
    }

    /// <summary>The feature column, with <see cref="Options.ImageShape"/> when set (errors name it the "input data").</summary>
    private protected override FeatureColumn ResolveFeature(DataViewSchema schema) =>
        FeatureColumn.Resolve(schema, Settings.FeatureColumnName, Settings.ImageShape);

    /// <summary>The label column named by <see cref="Options.LabelColumnName"/>, when there is one: a scalar Single or Boolean.</summary>
    private protected override void CheckOtherInputColumns(SchemaShape inputSchema)
    {
        if (Settings.LabelColumnName is not { } labelName) return;
        if (!TryFind(inputSchema, labelName, out var labelColumn))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Label column '{labelName}' was not found in the input schema.");
        if (labelColumn.Kind != SchemaShape.Column.VectorKind.Scalar ||
            (labelColumn.ItemType != NumberDataViewType.Single && labelColumn.ItemType != BooleanDataViewType.Instance))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Label column '{labelName}' must be a scalar Single or Boolean.");
    }

    private string CollapseMessage(TrainingReport report, float learningRate)
    {
        string advice = Settings.Regularizer == CollapseRegularizer.None
            ? "Set Regularizer = CollapseRegularizer.NoiseInjection (or VarianceHinge), or UseBias = false (the collapse-safe standard Deep SVDD)"
            : Settings.UseBias
                ? $"Try the other regularizer, UseBias = false, or a lower LearningRate (now {learningRate:G3})"
                : $"Lower the LearningRate (now {learningRate:G3}) or WeightDecay (now {Settings.WeightDecay:G3})";
        return $"Deep SVDD collapsed (hypersphere collapse): {report.Collapse.Reason}. The network maps every input to the same point, so " +
            $"it cannot tell anomalies from normal data. {advice}. To inspect the collapsed model anyway, set ThrowOnCollapse = false.";
    }
}
