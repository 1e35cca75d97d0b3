using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace MLNet.DeepSvdd.Shared.Onnx;

/// <summary>
/// Builds one ONNX graph with the protobuf types of the ONNX schema (OnnxSharp): graph inputs and outputs, float and int64
/// initializers, and nodes with their attributes. Value names are made unique by the builder, so emitters can name intermediate
/// values after the layer they belong to ("layer1.0.conv1") without clashes.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>
    /// The ONNX operator set of a graph without a resize: 13 (ONNX Runtime 1.6 and later), the first with ReduceSum's axes as an input.
    /// </summary>
    public const long BaseOpset = 13;

    /// <summary>The operator set of a graph with a resize: 18, the first with Resize's <c>antialias</c> and <c>axes</c> (ONNX Runtime 1.14 and later).</summary>
    public const long ResizeOpset = 18;

    private readonly GraphProto graph;
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private int nodeCount;

    public OnnxGraphBuilder(string name)
    {
        graph = new GraphProto { Name = name };
    }

    /// <summary>The symbolic name of the batch dimension of the inputs and outputs.</summary>
    public const string BatchDimension = "N";

    /// <summary>Adds a graph input of element type <paramref name="type"/> and shape <paramref name="dims"/> (null = the batch dimension).</summary>
    public string Input(string name, TensorProto.Types.DataType type, params long?[] dims)
    {
        Reserve(name);
        graph.Input.Add(ValueInfo(name, type, dims));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as a graph output under the name <paramref name="name"/> (an Identity node when they differ).</summary>
    public void Output(string value, string name, TensorProto.Types.DataType type, params long?[] dims)
    {
        if (value != name)
        {
            Reserve(name);
            graph.Node.Add(new NodeProto { OpType = "Identity", Name = $"Identity_{nodeCount++}", Input = { value }, Output = { name } });
        }
        graph.Output.Add(ValueInfo(name, type, dims));
    }

    /// <summary>A float initializer of shape <paramref name="dims"/>, stored as raw little-endian bytes.</summary>
    public string Floats(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        if (values.Length != dims.Aggregate(1L, (a, b) => a * b))
            throw new ArgumentException($"Initializer '{name}' has {values.Length} values for shape [{string.Join(", ", dims)}].", nameof(values));
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float, Dims = { dims } };
        tensor.RawData = BitConverter.IsLittleEndian
            ? ByteString.CopyFrom(MemoryMarshal.AsBytes(values))
            : throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian; this platform is not.");
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A float scalar initializer (shape []).</summary>
    public string Scalar(string name, float value) => Floats(name, [value]);

    /// <summary>An int64 initializer (for shapes, axes and indices).</summary>
    public string Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Int64, Dims = { values.Length } };
        tensor.Int64Data.Add(values);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>The ONNX-ML operator set (<c>ai.onnx.ml</c>: tree ensembles), imported when a node of that domain is added.</summary>
    public const string MlDomain = "ai.onnx.ml";

    private bool usesMlDomain;

    /// <summary>Adds a node with one output named after <paramref name="output"/> (made unique); returns that output's name.</summary>
    public string Node(string opType, string output, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Node("", opType, output, inputs, attributes);

    /// <summary>Adds a node of operator domain <paramref name="domain"/> ("" for the default ONNX domain, or <see cref="MlDomain"/>).</summary>
    public string Node(string domain, string opType, string output, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        string value = Unique(output);
        if (domain == MlDomain) usesMlDomain = true;
        var node = new NodeProto { OpType = opType, Domain = domain, Name = $"{opType}_{nodeCount++}", Output = { value } };
        node.Input.Add(inputs);
        node.Attribute.Add(attributes);
        graph.Node.Add(node);
        return value;
    }

    /// <summary>
    /// Adds a node of the default domain with the outputs named <paramref name="outputs"/> (each made unique), for operators whose outputs
    /// are all required (TopK: values and indices); returns the outputs' names in order.
    /// </summary>
    public string[] NodeWithOutputs(string opType, IReadOnlyList<string> outputs, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var values = outputs.Select(Unique).ToArray();
        var node = new NodeProto { OpType = opType, Domain = "", Name = $"{opType}_{nodeCount++}", Output = { values } };
        node.Input.Add(inputs);
        node.Attribute.Add(attributes);
        graph.Node.Add(node);
        return values;
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float attribute.</summary>
    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A string attribute.</summary>
    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>An attribute holding a list of floats.</summary>
    public static AttributeProto FloatList(string name, IEnumerable<float> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        attribute.Floats.Add(values);
        return attribute;
    }

    /// <summary>An attribute holding a list of strings.</summary>
    public static AttributeProto StringList(string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.Add(values.Select(ByteString.CopyFromUtf8));
        return attribute;
    }

    /// <summary>An attribute holding a list of integers.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    /// <summary>The model: this graph with the default-domain operator set <paramref name="opset"/> and the given metadata.</summary>
    public ModelProto Build(long opset, string docString, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = opset >= 18 ? 8 : 7, // the IR versions that came with opsets 18 and 13
            ProducerName = "MLNet.DeepSvdd",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "",
            Domain = "mlnet.deepsvdd",
            ModelVersion = 1,
            DocString = docString,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        if (usesMlDomain) model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = 1 });
        foreach (var (key, value) in metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long? d in dims)
            shape.Dim.Add(d is long size ? new TensorShapeProto.Types.Dimension { DimValue = size } : new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private void Reserve(string name)
    {
        if (!names.Add(name)) throw new InvalidOperationException($"The ONNX graph already has a value named '{name}'.");
    }

    private string Unique(string name)
    {
        string candidate = name;
        for (int i = 1; !names.Add(candidate); i++) candidate = $"{name}_{i}";
        return candidate;
    }
}
