namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// What one <c>reproduce</c> invocation did with the runs of its table: how many it planned, reused from the output folder (same
/// run, same settings), executed now, and how many stored runs of the same cells it did not use because they were made with other
/// settings (another profile, epochs, limits, method options).
/// </summary>
/// <param name="Planned">Runs of the table under the current settings.</param>
/// <param name="Reused">Planned runs found in the folder with the same settings and not run again.</param>
/// <param name="Executed">Runs executed by this invocation.</param>
/// <param name="OtherSettings">Stored runs of the table's cells (column, method, class, seed) made with other settings: not used.</param>
public sealed record RunCounts(int Planned, int Reused, int Executed, int OtherSettings)
{
    /// <summary>One sentence for the console, table.md and results.json.</summary>
    public string Text =>
        $"{Reused} of {Planned} runs reused from this folder (same settings), {Executed} run now" +
        (Planned - Reused - Executed > 0 ? $", {Planned - Reused - Executed} missing" : "") +
        (OtherSettings > 0 ? $"; {OtherSettings} stored run(s) of these cells made with other settings were not used" : "") + ".";
}
