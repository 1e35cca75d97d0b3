using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.DeepSvdd.Baselines.Persistence;

/// <summary>
/// Finds the transforms written by <see cref="SavedModelChain"/> in a loaded model, at any depth of nested transformer chains, and gives
/// back the typed detectors they hold.
/// </summary>
internal static class SavedModelRestorer
{
    public static IEnumerable<AnomalyDetectorTransformer> FindAll(ITransformer loaded)
    {
        if (loaded is AnomalyDetectorTransformer own) return [own];
        if (loaded is not IEnumerable<ITransformer> chain) return [];
        var items = chain.ToList();
        var found = new List<AnomalyDetectorTransformer>();
        for (int i = 0; i < items.Count; i++)
        {
            if (IsRunAt(items, i))
            {
                found.Add(FromRun(items, i));
                i += SavedModelChain.Length - 1;
            }
            else
            {
                found.AddRange(FindAll(items[i]));
            }
        }
        return found;
    }

    private static bool IsRunAt(List<ITransformer> items, int i) =>
        i + SavedModelChain.Length <= items.Count
        && items[i] is CustomMappingTransformer<BaselineNoColumns, BaselineStateKeyRow>
        && items[i + 3] is CustomMappingTransformer<BaselineScoringInput, AnomalyPrediction>;

    private sealed class OneColumn
    {
        public float Unused { get; set; }
    }

    private static AnomalyDetectorTransformer FromRun(List<ITransformer> items, int i)
    {
        var ml = new MLContext();
        IDataView row = ml.Data.LoadFromEnumerable([new OneColumn()]);
        row = items[i + 1].Transform(items[i].Transform(row));
        var state = row.GetColumn<ReadOnlyMemory<char>>(SavedColumns.State).Single();
        return StateCache.Get(state);
    }
}
