namespace MLNet.DeepSvdd.Persistence;

/// <summary>
/// How a <see cref="DeepSvddTransformer"/> goes into an ML.NET model file: the run of standard transforms of
/// <see cref="SavedModelFormat{TKeyInput, TKeyRow, TScoringInput, TPrediction}"/> with this library's factories
/// (<see cref="StateKeyMappingFactory"/>, <see cref="SavedScoringFactory"/>) and columns, holding base64 of <see cref="ModelState"/> behind its SHA-256 (<see cref="StateChecksum"/>).
/// <c>mlContext.Model.Load</c> therefore rebuilds a working, row-by-row scorer in any process that can load MLNet.DeepSvdd.dll, and
/// <see cref="SavedModelRestorer"/> turns it back into a batched <see cref="DeepSvddTransformer"/>.
/// </summary>
internal static class SavedModelChain
{
    public static readonly SavedModelFormat<NoColumns, StateKeyRow, SavedScoringInput, DeepSvddPrediction> Format = new(
        SavedColumns.Names,
        new StateKeyMappingFactory(), StateKeyMappingFactory.ContractName,
        new SavedScoringFactory(), SavedScoringFactory.ContractName);

    public static TransformerChain<ITransformer> Build(ScoringModel model, float threshold, string featureColumnName, TrainingReport report,
        int scoringBatchSize)
    {
        return Format.Build(ModelState.Write(model, threshold, featureColumnName, report, scoringBatchSize), featureColumnName, model.InputSize);
    }
}
