using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.DeepSvdd.Persistence;

/// <summary>
/// Finds the transforms written by <see cref="SavedModelChain"/> in a loaded model (at any depth of nested transformer chains) and
/// replaces each such run by a batched <see cref="DeepSvddTransformer"/>; everything else in the pipeline is kept as loaded.
/// </summary>
internal static class SavedModelRestorer
{
    private const int RunLength = 5;

    public static ITransformer Restore(ITransformer loaded, out int restored)
    {
        int count = 0;
        var result = RestoreCore(loaded, ref count);
        restored = count;
        return result;
    }

    public static IEnumerable<DeepSvddTransformer> FindAll(ITransformer loaded)
    {
        if (loaded is DeepSvddTransformer own) return [own];
        if (loaded is not IEnumerable<ITransformer> chain) return [];
        var items = chain.ToList();
        var found = new List<DeepSvddTransformer>();
        for (int i = 0; i < items.Count; i++)
        {
            if (IsRunAt(items, i)) { found.Add(FromRun(items, i)); i += RunLength - 1; }
            else found.AddRange(FindAll(items[i]));
        }
        return found;
    }

    private static ITransformer RestoreCore(ITransformer loaded, ref int count)
    {
        if (loaded is not IEnumerable<ITransformer> chain) return loaded;
        var items = chain.ToList();
        var rebuilt = new List<ITransformer>();
        bool changed = false;
        for (int i = 0; i < items.Count; i++)
        {
            if (IsRunAt(items, i))
            {
                rebuilt.Add(FromRun(items, i));
                count++;
                changed = true;
                i += RunLength - 1;
                continue;
            }
            var inner = RestoreCore(items[i], ref count);
            changed |= !ReferenceEquals(inner, items[i]);
            rebuilt.Add(inner);
        }
        if (!changed) return loaded;
        return rebuilt.Count == 1 ? rebuilt[0] : new TransformerChain<ITransformer>([.. rebuilt]);
    }

    private static bool IsRunAt(List<ITransformer> items, int i) =>
        i + RunLength <= items.Count
        && items[i] is CustomMappingTransformer<NoColumns, StateKeyRow>
        && items[i + 3] is CustomMappingTransformer<SavedScoringInput, DeepSvddPrediction>;

    private sealed class OneColumn
    {
        public float Unused { get; set; }
    }

    private static DeepSvddTransformer FromRun(List<ITransformer> items, int i)
    {
        var ml = new MLContext();
        IDataView row = ml.Data.LoadFromEnumerable([new OneColumn()]);
        row = items[i + 1].Transform(items[i].Transform(row));
        var state = row.GetColumn<ReadOnlyMemory<char>>(SavedColumns.State).Single();
        var entry = StateCache.Get(state);
        return new DeepSvddTransformer(entry.Model, entry.Threshold, entry.Metadata.FeatureColumnName, entry.Metadata.Report.ToReport())
        {
            ScoringBatchSize = entry.Metadata.ScoringBatchSize,
        };
    }
}
