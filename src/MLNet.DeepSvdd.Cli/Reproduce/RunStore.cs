using System.Text.Json.Nodes;

namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// The completed runs of a <c>reproduce</c> output folder, one small JSON file each under <c>runs/</c>: written when a run finishes
/// (to a temporary name, then moved, so an interrupted write leaves nothing half-written) and read back on restart, so an interrupted
/// reproduction resumes where it stopped.
/// </summary>
public sealed class RunStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly string folder;

    /// <summary>Opens (and creates) <c>runs/</c> in <paramref name="outputFolder"/>.</summary>
    public RunStore(string outputFolder)
    {
        folder = Path.Combine(outputFolder, "runs");
        Directory.CreateDirectory(folder);
    }

    /// <summary>
    /// The stored result of <paramref name="key"/> when it was made with the settings <paramref name="canonicalSettings"/>
    /// (<see cref="RunSettings.Canonical"/>), or null when the run has not completed, is unreadable or was made with other settings.
    /// </summary>
    public RunResult? TryLoad(RunKey key, string canonicalSettings)
    {
        string path = Path.Combine(folder, key.FileName);
        if (!File.Exists(path)) return null;
        RunResult stored;
        try { stored = Read(path); }
        catch (JsonException) { return null; } // unreadable: run it again
        bool same = stored.SettingsHash == key.Settings && JsonNode.DeepEquals(stored.Settings, JsonNode.Parse(canonicalSettings));
        return same ? stored : null;
    }

    /// <summary>The base names (<see cref="RunKey.BaseName"/>) of the stored run files whose file name is not in <paramref name="current"/>: runs made with other settings (or an older layout).</summary>
    public IReadOnlyList<string> Others(IReadOnlySet<string> current) =>
        [.. Directory.EnumerateFiles(folder, "*.json").Select(Path.GetFileName).Where(f => !current.Contains(f!))
            .Select(f => f![..^".json".Length]).Select(n => n.Split("__") is { Length: >= 4 } parts ? string.Join("__", parts.Take(4)) : n)];

    /// <summary>Reads one stored run file.</summary>
    /// <exception cref="JsonException">The file is not a stored run.</exception>
    public static RunResult Read(string path) =>
        JsonSerializer.Deserialize<RunResult>(File.ReadAllText(path), Json) ?? throw new JsonException($"'{path}' holds no run.");

    /// <summary>Stores a completed run.</summary>
    public void Save(RunKey key, RunResult result)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, key.FileName), JsonSerializer.Serialize(result, Json));
    }
}
