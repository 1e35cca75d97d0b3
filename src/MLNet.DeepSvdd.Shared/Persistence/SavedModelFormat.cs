using Microsoft.ML.Transforms;

namespace MLNet.DeepSvdd.Shared.Persistence;

/// <summary>
/// How a detector goes into an ML.NET model file, using only transforms ML.NET can save and load itself (its loader registry is closed to
/// other assemblies), and how it is found again in a loaded model. A run of <see cref="RunLength"/> transforms:
/// <list type="number">
/// <item>a CustomMapping with no input that emits a constant key column (the state-key factory),</item>
/// <item>a ValueMapping from that key to the detector state (base64 text), stored inside the model file,</item>
/// <item>a CopyColumns of the feature column to a fixed internal name, behind a transform that checks the column's type where the schema is
/// bound (<see cref="SizeCheckedCopy"/>), so that a model loaded with plain <c>MLContext.Model.Load</c> refuses a column of another size or
/// type before any row is read (files written before it hold the bare CopyColumns, and load as they did),</item>
/// <item>a CustomMapping that scores each row with the deserialized state (the scoring factory), emitting Score and PredictedLabel,</item>
/// <item>a DropColumns of the three internal columns.</item>
/// </list>
/// The two factories (public, with <c>[CustomMappingFactoryAttribute]</c>) and their row types belong to the library whose models they
/// load, because ML.NET records and re-registers the factory's assembly; this class only assembles and recognises the run.
/// </summary>
internal sealed class SavedModelFormat<TKeyInput, TKeyRow, TScoringInput, TPrediction>(
    SavedColumnNames columns,
    CustomMappingFactory<TKeyInput, TKeyRow> stateKeyFactory,
    string stateKeyContractName,
    CustomMappingFactory<TScoringInput, TPrediction> scoringFactory,
    string scoringContractName)
    where TKeyInput : class, new()
    where TKeyRow : class, new()
    where TScoringInput : class, new()
    where TPrediction : class, new()
{
    /// <summary>Number of transforms a saved detector occupies in a chain.</summary>
    public const int RunLength = 5;

    /// <summary>
    /// The run of transforms that saves a detector whose serialized state is <paramref name="state"/>: stored as base64 of the state with
    /// its SHA-256 (<see cref="StateChecksum"/>), which every load verifies.
    /// </summary>
    public TransformerChain<ITransformer> Build(byte[] state, string featureColumnName, int inputSize) =>
        BuildFromText(Convert.ToBase64String(StateChecksum.Wrap(state)), featureColumnName, inputSize);

    /// <summary>The run of transforms holding <paramref name="state"/> as the stored text, exactly (tests build damaged and legacy files with it).</summary>
    public TransformerChain<ITransformer> BuildFromText(string state, string featureColumnName, int inputSize)
    {
        var ml = new MLContext();
        IDataView data = new EmptyDataView(FeatureSchema(featureColumnName, inputSize));

        var stateKey = ml.Transforms.CustomMapping(stateKeyFactory.GetMapping(), stateKeyContractName).Fit(data);
        data = stateKey.Transform(data);
        var lookup = ml.Data.LoadFromEnumerable([new StateEntry { Key = SavedColumnNames.StateKeyValue, Value = state }]);
        var stateValue = ml.Transforms.Conversion.MapValue(columns.State, lookup, lookup.Schema[nameof(StateEntry.Key)],
            lookup.Schema[nameof(StateEntry.Value)], columns.StateKey).Fit(data);
        data = stateValue.Transform(data);
        var copy = SizeCheckedCopy(ml, columns.Features, featureColumnName, inputSize);
        data = copy.Transform(data);
        var score = ml.Transforms.CustomMapping(scoringFactory.GetMapping(), scoringContractName).Fit(data);
        data = score.Transform(data);
        var drop = ml.Transforms.DropColumns(columns.StateKey, columns.State, columns.Features).Fit(data);
        return new TransformerChain<ITransformer>(stateKey, stateValue, copy, score, drop);
    }

    /// <summary>
    /// A copy of <paramref name="inputName"/> (a vector of <paramref name="inputSize"/> Single) into <paramref name="outputName"/> that fails to
    /// bind to a column of any other type. ML.NET saves and loads only its own transforms, CopyColumns keeps no type, and those of its
    /// transforms that keep one mostly check only the item type. So the copy is preceded by ML.NET's PCA projection (rank 1, fitted on four
    /// fixed rows), whose only purpose is its check where it is bound: "Schema mismatch for input column 'Features': expected
    /// Vector&lt;Single, 512&gt;, got Vector&lt;Single, 600&gt;". Its output is replaced by the copy, so it is never computed; it adds two
    /// vectors of the column's size to the file. A column of one value keeps the bare copy (the PCA needs two or more).
    /// </summary>
    private static ITransformer SizeCheckedCopy(MLContext ml, string outputName, string inputName, int inputSize)
    {
        var copy = ml.Transforms.CopyColumns(outputName, inputName).Fit(new EmptyDataView(FeatureSchema(inputName, inputSize)));
        if (inputSize < 2) return copy; // the scoring mapping's row check still applies
        var definition = SchemaDefinition.Create(typeof(OneVector));
        definition[0].ColumnName = inputName;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, inputSize);
        // Four rows of a fixed, varied pattern: a degenerate set (constant rows) leaves the PCA's eigenvector undefined (NaN) and ML.NET refuses it.
        var rows = ml.Data.LoadFromEnumerable(
            Enumerable.Range(1, 4).Select(r => new OneVector { Values = Enumerable.Range(0, inputSize).Select(j => MathF.Sin(r * (j + 1) * 0.7f)).ToArray() }),
            definition);
        var guard = ml.Transforms.ProjectToPrincipalComponents(outputName, inputName, rank: 1, overSampling: 1, ensureZeroMean: false, seed: 1).Fit(rows);
        return new TransformerChain<ITransformer>(guard, copy);
    }

    /// <summary>A schema of one column <paramref name="name"/>: a vector of <paramref name="size"/> Single.</summary>
    private static DataViewSchema FeatureSchema(string name, int size)
    {
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(name, new VectorDataViewType(NumberDataViewType.Single, size));
        return schema.ToSchema();
    }

    /// <summary>
    /// Every detector saved in <paramref name="loaded"/> (at any depth of nested transformer chains), rebuilt from its state by
    /// <paramref name="fromState"/>; a <typeparamref name="TDetector"/> that is already typed counts as itself.
    /// </summary>
    public IEnumerable<TDetector> FindAll<TDetector>(ITransformer loaded, Func<ReadOnlyMemory<char>, TDetector> fromState)
        where TDetector : ITransformer
    {
        if (loaded is TDetector own) return [own];
        if (loaded is not IEnumerable<ITransformer> chain) return [];
        var items = chain.ToList();
        var found = new List<TDetector>();
        for (int i = 0; i < items.Count; i++)
        {
            if (IsRunAt(items, i))
            {
                found.Add(fromState(ReadState(items, i)));
                i += RunLength - 1;
            }
            else
            {
                found.AddRange(FindAll(items[i], fromState));
            }
        }
        return found;
    }

    /// <summary>
    /// <paramref name="loaded"/> with each saved run replaced by the detector <paramref name="fromState"/> rebuilds; everything else in the
    /// pipeline is kept as loaded (and <paramref name="loaded"/> itself is returned when nothing was replaced).
    /// </summary>
    public ITransformer Restore(ITransformer loaded, Func<ReadOnlyMemory<char>, ITransformer> fromState, out int restored)
    {
        int count = 0;
        var result = RestoreCore(loaded, fromState, ref count);
        restored = count;
        return result;
    }

    private ITransformer RestoreCore(ITransformer loaded, Func<ReadOnlyMemory<char>, ITransformer> fromState, ref int count)
    {
        if (loaded is not IEnumerable<ITransformer> chain) return loaded;
        var items = chain.ToList();
        var rebuilt = new List<ITransformer>();
        bool changed = false;
        for (int i = 0; i < items.Count; i++)
        {
            if (IsRunAt(items, i))
            {
                rebuilt.Add(fromState(ReadState(items, i)));
                count++;
                changed = true;
                i += RunLength - 1;
                continue;
            }
            var inner = RestoreCore(items[i], fromState, ref count);
            changed |= !ReferenceEquals(inner, items[i]);
            rebuilt.Add(inner);
        }
        if (!changed) return loaded;
        return rebuilt.Count == 1 ? rebuilt[0] : new TransformerChain<ITransformer>([.. rebuilt]);
    }

    private static bool IsRunAt(List<ITransformer> items, int i) =>
        i + RunLength <= items.Count
        && items[i] is CustomMappingTransformer<TKeyInput, TKeyRow>
        && items[i + 3] is CustomMappingTransformer<TScoringInput, TPrediction>;

    /// <summary>The stored state text of the first detector saved in <paramref name="loaded"/>, or null when it holds none.</summary>
    public string? FirstStateText(ITransformer loaded)
    {
        if (loaded is not IEnumerable<ITransformer> chain) return null;
        var items = chain.ToList();
        for (int i = 0; i < items.Count; i++)
        {
            if (IsRunAt(items, i)) return ReadState(items, i).ToString();
            if (FirstStateText(items[i]) is { } inner) return inner;
        }
        return null;
    }

    /// <summary>The state text held by the run at <paramref name="i"/>: its first two transforms applied to a one-row view.</summary>
    private ReadOnlyMemory<char> ReadState(List<ITransformer> items, int i)
    {
        var ml = new MLContext();
        IDataView row = ml.Data.LoadFromEnumerable([new OneColumn()]);
        row = items[i + 1].Transform(items[i].Transform(row));
        return row.GetColumn<ReadOnlyMemory<char>>(columns.State).Single();
    }

    private sealed class StateEntry
    {
        public string Key { get; set; } = "";

        public string Value { get; set; } = "";
    }

    private sealed class OneVector
    {
        public float[] Values { get; set; } = [];
    }

    private sealed class OneColumn
    {
        public float Unused { get; set; }
    }
}
