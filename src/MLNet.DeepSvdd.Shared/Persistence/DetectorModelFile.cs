using Microsoft.ML.Runtime;
using Microsoft.ML.Transforms;

namespace MLNet.DeepSvdd.Shared.Persistence;

/// <summary>
/// The one owner of a detector's model file: how a fitted detector goes into an ML.NET model zip, how it is found and rebuilt from one, the
/// parsed-state cache of the row-by-row scorer, and the library's <c>Load…</c> entry points. A detector supplies only its state codec
/// (<paramref name="write"/>, <paramref name="read"/>) and, in its own assembly, the two mapping factories and row types ML.NET requires
/// (ML.NET records the assembly of a CustomMapping's factory and registers it on load, so they cannot live here).
/// <para>
/// ML.NET saves and loads only its own transforms (its loader registry is closed to other assemblies), so a detector is saved as a run of
/// <see cref="RunLength"/> of them: (1) a CustomMapping with no input that emits the constant key <see cref="DetectorFileNames.ModelKey"/>;
/// (2) a ValueMapping from that key to the state, base64 of the codec's bytes behind their SHA-256 (<see cref="StateChecksum"/>), as the key
/// values of its output (read back from the schema alone) followed by a KeyToValue (files before 2026-12-07: the plain ValueMapping); (3) a
/// copy of the feature column to a fixed internal name that refuses a column of another size or type where the schema is bound
/// (<see cref="SizeCheckedCopy"/>; files written before it hold the bare copy and load as they did); (4) a CustomMapping that scores each
/// row with the parsed state; (5) a DropColumns of the internal names. Plain <c>mlContext.Model.Load</c> therefore gives a working
/// row-by-row scorer in any process that can load the detector's assembly; the entry points here replace each run by the detector itself.
/// </para>
/// </summary>
/// <param name="names">How messages name the detector and its package, and the run's internal names.</param>
/// <param name="stateKeyFactory">The detector's factory of mapping (1), with its contract name.</param>
/// <param name="scoringFactory">The detector's factory of mapping (4), with its contract name.</param>
/// <param name="write">The detector's state as bytes (its own header and format version first).</param>
/// <param name="read">The detector from its state bytes, logging to the environment when given; <see cref="InvalidDataException"/> on damage.</param>
internal sealed class DetectorModelFile<TDetector, TKeyRow, TScoringInput, TPrediction>(
    DetectorFileNames names,
    (CustomMappingFactory<NoColumns, TKeyRow> Factory, string ContractName) stateKeyFactory,
    (CustomMappingFactory<TScoringInput, TPrediction> Factory, string ContractName) scoringFactory,
    Func<TDetector, byte[]> write,
    Func<byte[], IHostEnvironment?, TDetector> read)
    where TDetector : DetectorTransformer
    where TKeyRow : class, new()
    where TScoringInput : class, new()
    where TPrediction : class, new()
{
    /// <summary>Number of transforms a saved detector occupies in a chain.</summary>
    public const int RunLength = 5;

    private readonly SavedStateCache<TDetector> scorers = new(names.Detector, bytes => read(bytes, null));

    /// <summary>The run of transforms that saves <paramref name="detector"/>.</summary>
    public TransformerChain<ITransformer> Build(TDetector detector) =>
        BuildFromText(Convert.ToBase64String(StateChecksum.Wrap(write(detector))), detector.FeatureColumnName, detector.InputSize);

    /// <summary>The run of transforms holding <paramref name="state"/> as the stored text, exactly (tests build damaged and legacy files).</summary>
    public TransformerChain<ITransformer> BuildFromText(string state, string featureColumnName, int inputSize)
    {
        var ml = new MLContext(); // saving has no caller's context: ITransformer.Save receives none
        IDataView data = new EmptyDataView(FeatureSchema(featureColumnName, inputSize));
        var stateKey = ml.Transforms.CustomMapping(stateKeyFactory.Factory.GetMapping(), stateKeyFactory.ContractName).Fit(data);
        data = stateKey.Transform(data);
        // The state is the one value of a ValueMapping whose output is a key type: its key values (the state) are part of the column's
        // type, readable from the schema alone; a KeyToValue gives the scoring mapping the text.
        var asKey = ml.Transforms.Conversion.MapValue(names.State, [new KeyValuePair<string, string>(DetectorFileNames.ModelKey, state)],
            names.StateKey, treatValuesAsKeyType: true).Fit(data);
        var toText = ml.Transforms.Conversion.MapKeyToValue(names.State).Fit(asKey.Transform(data));
        var stateValue = new TransformerChain<ITransformer>(asKey, toText);
        data = stateValue.Transform(data);
        var copy = SizeCheckedCopy(ml, names.Features, featureColumnName, inputSize);
        data = copy.Transform(data);
        var score = ml.Transforms.CustomMapping(scoringFactory.Factory.GetMapping(), scoringFactory.ContractName).Fit(data);
        data = score.Transform(data);
        var drop = ml.Transforms.DropColumns(names.StateKey, names.State, names.Features).Fit(data);
        return new TransformerChain<ITransformer>(stateKey, stateValue, copy, score, drop);
    }

    /// <summary>
    /// A copy of <paramref name="inputName"/> (a vector of <paramref name="inputSize"/> Single) into <paramref name="outputName"/> that fails to
    /// bind to a column of any other type. CopyColumns keeps no type, and those of ML.NET's transforms that keep one mostly check only the
    /// item type; so the copy is preceded by ML.NET's PCA projection (rank 1, fitted on four fixed rows), whose only purpose is its check
    /// where it is bound: "Schema mismatch for input column 'Features': expected Vector&lt;Single, 512&gt;, got Vector&lt;Single, 600&gt;".
    /// Its output is replaced by the copy, so it is never computed. A column of one value keeps the bare copy (the PCA needs two or more).
    /// </summary>
    private static ITransformer SizeCheckedCopy(MLContext ml, string outputName, string inputName, int inputSize)
    {
        var copy = ml.Transforms.CopyColumns(outputName, inputName).Fit(new EmptyDataView(FeatureSchema(inputName, inputSize)));
        if (inputSize < 2) return copy; // the scoring mapping's row check still applies
        var definition = SchemaDefinition.Create(typeof(OneVector));
        definition[0].ColumnName = inputName;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, inputSize);
        // Four rows of a fixed, varied pattern: constant rows leave the PCA's eigenvector undefined (NaN) and ML.NET refuses it.
        var rows = ml.Data.LoadFromEnumerable(
            Enumerable.Range(1, 4).Select(r => new OneVector { Values = Enumerable.Range(0, inputSize).Select(j => MathF.Sin(r * (j + 1) * 0.7f)).ToArray() }),
            definition);
        var guard = ml.Transforms.ProjectToPrincipalComponents(outputName, inputName, rank: 1, overSampling: 1, ensureZeroMean: false, seed: 1).Fit(rows);
        return new TransformerChain<ITransformer>(guard, copy);
    }

    private static DataViewSchema FeatureSchema(string name, int size)
    {
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(name, new VectorDataViewType(NumberDataViewType.Single, size));
        return schema.ToSchema();
    }

    /// <summary>The detector of the row-by-row scorer (mapping 4): parsed once per distinct state, however many rows it scores.</summary>
    public TDetector Scorer(ReadOnlyMemory<char> state) => scorers.Get(state);

    /// <summary>
    /// The detector <paramref name="state"/> holds, built once, logging to <paramref name="environment"/>: the checksum verified, then the
    /// codec; any damage is an <see cref="InvalidDataException"/> saying the model file is corrupt.
    /// </summary>
    public TDetector Parse(ReadOnlyMemory<char> state, IHostEnvironment? environment = null) =>
        SavedStateCache<TDetector>.Decode(state, names.Detector, bytes => read(bytes, environment));

    /// <summary>
    /// Every detector in <paramref name="loaded"/>, at any depth of nested chains: saved runs rebuilt from their state, and detectors that are
    /// already typed as themselves.
    /// </summary>
    public IReadOnlyList<TDetector> FindAll(ITransformer loaded, IHostEnvironment? environment = null)
    {
        RestoreAny(loaded, environment, out var found);
        return found;
    }

    /// <summary>
    /// <paramref name="loaded"/> with each saved run replaced by its detector (built once, logging to <paramref name="environment"/>);
    /// everything else is kept as loaded, and <paramref name="loaded"/> itself is returned when nothing was replaced.
    /// </summary>
    /// <exception cref="InvalidDataException">The model holds no such detector, saved or typed, or a damaged one.</exception>
    public ITransformer Restore(ITransformer loaded, IHostEnvironment? environment, string source = "The model")
    {
        var result = RestoreAny(loaded, environment, out var found);
        return found.Count > 0 ? result : throw HoldsNone(source);
    }

    private InvalidDataException HoldsNone(string source) =>
        new($"{source} holds no {names.Model} (no transforms saved by {names.Package} were found in it).");

    /// <summary>As <see cref="Restore"/>, for callers that handle a model without the detector; <paramref name="found"/> lists all.</summary>
    public ITransformer RestoreAny(ITransformer loaded, IHostEnvironment? environment, out IReadOnlyList<TDetector> found)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var detectors = new List<TDetector>();
        var result = Walk(loaded, environment, detectors);
        found = detectors;
        return result;
    }

    /// <summary><paramref name="loaded"/> with its saved runs rebuilt; each detector met, rebuilt or typed, is in <paramref name="found"/>.</summary>
    private ITransformer Walk(ITransformer loaded, IHostEnvironment? environment, List<TDetector> found)
    {
        if (loaded is TDetector own) found.Add(own);
        if (loaded is not IEnumerable<ITransformer> chain) return loaded;
        var items = chain.ToList();
        var rebuilt = new List<ITransformer>();
        bool changed = false;
        for (int i = 0; i < items.Count; i++)
        {
            if (IsRunAt(items, i))
            {
                var detector = Parse(ReadState(items, i), environment);
                found.Add(detector);
                rebuilt.Add(detector);
                changed = true;
                i += RunLength - 1;
                continue;
            }
            var inner = Walk(items[i], environment, found);
            changed |= !ReferenceEquals(inner, items[i]);
            rebuilt.Add(inner);
        }
        if (!changed) return loaded;
        return rebuilt.Count == 1 ? rebuilt[0] : new TransformerChain<ITransformer>([.. rebuilt]);
    }

    /// <summary>The one <typeparamref name="T"/> in <paramref name="loaded"/>.</summary>
    /// <exception cref="InvalidDataException">There is none, or more than one.</exception>
    public T Single<T>(ITransformer loaded, IHostEnvironment? environment) where T : TDetector
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var all = FindAll(loaded, environment).OfType<T>().ToList();
        string what = typeof(T) == typeof(TDetector) ? names.Model : typeof(T).Name;
        return all.Count switch
        {
            1 => all[0],
            0 => throw new InvalidDataException($"The model holds no {what}."),
            _ => throw new InvalidDataException($"The model holds more than one {what} ({all.Count}); restore it and walk its chain to pick one."),
        };
    }

    /// <summary>
    /// The <c>Load…(filePath)</c> entry point: ML.NET's <c>Model.Load</c> (<see cref="ModelFileReading"/>), the detectors restored
    /// (<see cref="Restore"/>), and the saved input schema propagated through the result, so a file whose transforms no longer fit together
    /// fails here and not at the first <c>Transform</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file, or it is a folder.</exception>
    /// <exception cref="InvalidDataException">The file is corrupt (in the zip or in a state), an ONNX file, or holds no such detector.</exception>
    public ITransformer Load(ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        var loaded = ModelFileReading.Load(catalog, filePath, names.LoadedAs, out inputSchema);
        return Restored(catalog, loaded, inputSchema, ModelFileReading.Source(filePath));
    }

    /// <summary>The <c>Load…(stream)</c> entry point, as <see cref="Load(ModelOperationsCatalog, string, out DataViewSchema)"/>.</summary>
    public ITransformer Load(ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        string source = ModelFileReading.Source(null);
        (var loaded, inputSchema) = ModelFileReading.Guard(source, names.LoadedAs, () => (catalog.Load(stream, out var schema), schema));
        return Restored(catalog, loaded, inputSchema, source);
    }

    private ITransformer Restored(ModelOperationsCatalog catalog, ITransformer loaded, DataViewSchema inputSchema, string source)
    {
        IReadOnlyList<TDetector> found = [];
        var model = ModelFileReading.Guard(source, names.LoadedAs, () => RestoreAny(loaded, MLContextAccess.TryEnvironment(catalog), out found));
        if (found.Count == 0) throw HoldsNone(source); // an intact file without the detector: not damage
        return ModelFileReading.Guard(source, names.LoadedAs, () => { model.GetOutputSchema(inputSchema); return model; });
    }

    private static bool IsRunAt(List<ITransformer> items, int i) =>
        i + RunLength <= items.Count
        && items[i] is CustomMappingTransformer<NoColumns, TKeyRow>
        && items[i + 3] is CustomMappingTransformer<TScoringInput, TPrediction>;

    /// <summary>The stored state text of the first saved run in <paramref name="loaded"/>, or null when it holds none (tests damage it).</summary>
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

    /// <summary>
    /// The state text of the run at <paramref name="i"/>, read from the schema: the key values of its state column (nothing is run). Files
    /// written before 2026-12-07 hold the text as a ValueMapping's plain value, which ML.NET offers no accessor for: their one key is
    /// looked up on a single in-memory row (no context or data view is created for it).
    /// </summary>
    private ReadOnlyMemory<char> ReadState(List<ITransformer> items, int i)
    {
        var key = new ConstantKeyRow(names.StateKey);
        VBuffer<ReadOnlyMemory<char>> values = default;
        if (items[i + 1] is IEnumerable<ITransformer> holder && holder.FirstOrDefault() is { } asKey
            && asKey.GetOutputSchema(key.Schema)[names.State] is { Type: KeyDataViewType } column)
        {
            column.GetKeyValues(ref values);
            return values.Length == 1 ? values.GetItemOrDefault(0)
                : throw new InvalidDataException($"The model file is corrupt: its {names.Detector} state column has {values.Length} values, not 1.");
        }
        var mapper = items[i + 1].GetRowToRowMapper(key.Schema);
        using var output = mapper.GetRow(key, [mapper.OutputSchema[names.State]]);
        ReadOnlyMemory<char> state = default;
        output.GetGetter<ReadOnlyMemory<char>>(output.Schema[names.State])(ref state);
        return state;
    }

    /// <summary>One in-memory row: the state key column holding <see cref="DetectorFileNames.ModelKey"/>.</summary>
    private sealed class ConstantKeyRow : DataViewRow
    {
        public ConstantKeyRow(string column)
        {
            var schema = new DataViewSchema.Builder();
            schema.AddColumn(column, TextDataViewType.Instance);
            Schema = schema.ToSchema();
        }

        public override DataViewSchema Schema { get; }

        public override long Position => 0;

        public override long Batch => 0;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            (ValueGetter<TValue>)(Delegate)(ValueGetter<ReadOnlyMemory<char>>)(
                (ref ReadOnlyMemory<char> value) => value = DetectorFileNames.ModelKey.AsMemory());

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = default;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;
    }

    private sealed class OneVector
    {
        public float[] Values { get; set; } = [];
    }
}
