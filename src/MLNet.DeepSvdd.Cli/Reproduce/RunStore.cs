using System.Text.Json;

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

    /// <summary>The stored result of <paramref name="key"/>, or null when the run has not completed.</summary>
    public RunResult? TryLoad(RunKey key)
    {
        string path = Path.Combine(folder, key.FileName);
        if (!File.Exists(path)) return null;
        try { return Read(path); }
        catch (JsonException) { return null; } // unreadable: run it again
    }

    /// <summary>Reads one stored run file.</summary>
    /// <exception cref="JsonException">The file is not a stored run.</exception>
    public static RunResult Read(string path) =>
        JsonSerializer.Deserialize<RunResult>(File.ReadAllText(path), Json) ?? throw new JsonException($"'{path}' holds no run.");

    /// <summary>Stores a completed run.</summary>
    public void Save(RunKey key, RunResult result)
    {
        string path = Path.Combine(folder, key.FileName);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(result, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
