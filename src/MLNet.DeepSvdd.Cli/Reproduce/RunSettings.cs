using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json.Serialization;

namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// Every setting that can change the result of one <c>reproduce</c> run, as canonical JSON (object keys sorted, enums by name, the
/// concrete type of polymorphic values recorded) and its hash, which is part of the <see cref="RunKey"/>: the whole profile, the
/// column and the method, read by reflection, plus the fixed settings of the shallow baselines. Nothing is listed by hand: a setting
/// added later to <see cref="ReproduceProfile"/>, <see cref="ColumnSpec"/> or a <see cref="MethodSpec"/> becomes part of the key by
/// itself. The only members left out are those that cannot change a single run's result (<see cref="Excluded"/>); computed properties
/// (no setter and no backing field, e.g. <see cref="ReproduceProfile.Reductions"/>) are left out because they derive from the others.
/// </summary>
public static class RunSettings
{
    /// <summary>Bump when the meaning of a stored run changes in a way no setting shows (e.g. a fix in how AUCs are computed). 2: the pretrained backbone's default fine-tuning depth became layer4 only.</summary>
    public const int Format = 2;

    /// <summary>Members that do not change one run's result: how many seeds and which classes a table runs (the run's own seed and class are in its key), and display-only text.</summary>
    public static IReadOnlyCollection<(Type Type, string Member)> Excluded { get; } =
    [
        (typeof(ReproduceProfile), nameof(ReproduceProfile.Seeds)),
        (typeof(ReproduceProfile), nameof(ReproduceProfile.OneVsAllClasses)),
        (typeof(ColumnSpec), nameof(ColumnSpec.PaperColumns)),
    ];

    /// <summary>
    /// Members added after runs were stored, written only when set (they carry <c>[JsonIgnore(Condition = WhenWritingNull)]</c>): while
    /// null they mean what the runs made before them did, so those runs keep their keys; once set they are part of the key like any other.
    /// </summary>
    public static IReadOnlyCollection<(Type Type, string Member)> OmittedWhenNull { get; } =
    [
        (typeof(DeepSvddMethod), nameof(DeepSvddMethod.Representation)),
        (typeof(DeepSvddMethod), nameof(DeepSvddMethod.TrainEveryLayer)),
    ];

    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The canonical JSON of the settings of a run of <paramref name="method"/> in <paramref name="column"/> under <paramref name="profile"/>.</summary>
    public static string Canonical(ReproduceProfile profile, ColumnSpec column, MethodSpec method)
    {
        var document = new JsonObject
        {
            ["format"] = Format,
            ["profile"] = JsonSerializer.SerializeToNode(profile, profile.GetType(), Options),
            ["column"] = JsonSerializer.SerializeToNode(column, column.GetType(), Options),
            ["method"] = JsonSerializer.SerializeToNode(method, method.GetType(), Options),
            ["methodType"] = method.GetType().Name,
            ["shallow"] = new JsonObject
            {
                ["gammaMultiples"] = new JsonArray([.. MethodRunner.GammaMultiples.Select(m => (JsonNode)m)]),
                ["pcaRank"] = ShallowFeatureSets.PcaRank,
            },
        };
        return Sorted(document)!.ToJsonString();
    }

    /// <summary>The first 12 hex digits of the SHA-256 of <paramref name="canonical"/> (lower case).</summary>
    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..12];

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Kind != JsonTypeInfoKind.Object) return;
            for (int i = info.Properties.Count - 1; i >= 0; i--)
            {
                var property = info.Properties[i];
                if (property.AttributeProvider is not PropertyInfo clr) continue;
                bool excluded = Excluded.Any(e => e.Type.IsAssignableFrom(info.Type) && e.Member == clr.Name);
                if (excluded || !IsState(clr)) info.Properties.RemoveAt(i);
            }
        });
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new RuntimeTypeConverterFactory());
        return options;
    }

    /// <summary>A property that holds state: settable (init included) or an auto-property; not one computed from others.</summary>
    private static bool IsState(PropertyInfo property)
    {
        if (property.GetIndexParameters().Length > 0) return false;
        if (property.SetMethod is not null) return true;
        for (var type = property.DeclaringType; type is not null; type = type.BaseType)
            if (type.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is not null) return true;
        return false;
    }

    /// <summary>Writes values declared as an abstract type (an <c>ImageAlteration</c>, a <c>MethodSpec</c>) as their concrete type, with "$type".</summary>
    private sealed class RuntimeTypeConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsClass && typeToConvert.IsAbstract;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(RuntimeTypeConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class RuntimeTypeConverter<T> : JsonConverter<T> where T : class
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Run settings are written, never read back into objects.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var node = JsonSerializer.SerializeToNode(value, value.GetType(), options) as JsonObject ?? new JsonObject();
            node["$type"] = value.GetType().Name;
            node.WriteTo(writer, options);
        }
    }
}
