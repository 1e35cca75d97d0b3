namespace MLNet.DeepSvdd.Baselines.Persistence;

/// <summary>
/// How a baseline detector goes into an ML.NET model file, exactly as MLNet.DeepSvdd saves Deep SVDD: the run of standard transforms of
/// <see cref="SavedModelFormat{TKeyInput, TKeyRow, TScoringInput, TPrediction}"/> with this library's factories
/// (<see cref="BaselineStateKeyFactory"/>, <see cref="BaselineScoringFactory"/>) and columns, holding base64 of <see cref="DetectorState"/> behind its SHA-256 (<see cref="StateChecksum"/>).
/// <c>mlContext.Model.Load</c> therefore rebuilds a working row-by-row scorer in any process that can load MLNet.DeepSvdd.Baselines.dll;
/// <see cref="SavedModelRestorer"/> finds the typed detector in it again.
/// </summary>
internal static class SavedModelChain
{
    public static readonly SavedModelFormat<NoColumns, BaselineStateKeyRow, BaselineScoringInput, AnomalyPrediction> Format = new(
        SavedColumns.Names,
        new BaselineStateKeyFactory(), BaselineStateKeyFactory.ContractName,
        new BaselineScoringFactory(), BaselineScoringFactory.ContractName);

    public static TransformerChain<ITransformer> Build(AnomalyDetectorTransformer detector) =>
        Format.Build(DetectorState.Write(detector), detector.FeatureColumnName, detector.InputSize);
}
