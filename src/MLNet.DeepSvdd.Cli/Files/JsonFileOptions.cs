namespace MLNet.DeepSvdd.Cli.Files;

/// <summary>The serializer options of the JSON files the commands write, created once (System.Text.Json caches per options instance).</summary>
internal static class JsonFileOptions
{
    /// <summary>Indented JSON.</summary>
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true };

    /// <summary>Indented JSON that writes NaN and ±∞ as "NaN", "Infinity" and "-Infinity" (a report cell without runs has mean NaN).</summary>
    public static JsonSerializerOptions IndentedWithNamedFloats { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
