using System.Text.Json.Nodes;
using MLNet.DeepSvdd.Cli.Plots;
using MLNet.DeepSvdd.Selection;

namespace MLNet.DeepSvdd.Cli.Tuning;

/// <summary>Writes what <c>tune</c> found: leaderboard.md, leaderboard.json and leaderboard.png in the output folder.</summary>
internal static class TuneReport
{
    public static IReadOnlyList<string> Write(string folder, string setup, string commandLine, string splits, Leaderboard board,
        IReadOnlyList<ReferenceRun> references, string? modelNote)
    {
        Directory.CreateDirectory(folder);
        string markdown = Path.Combine(folder, "leaderboard.md"), json = Path.Combine(folder, "leaderboard.json"), png = Path.Combine(folder, "leaderboard.png");
        var text = new StringBuilder();
        text.AppendLine($"# Detector search: {setup}");
        text.AppendLine();
        text.AppendLine($"Command: `{commandLine}`");
        text.AppendLine();
        text.AppendLine("```");
        text.AppendLine(splits);
        text.AppendLine("```");
        text.AppendLine();
        text.Append(board.ToMarkdown());
        if (references.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## The selected detector against fixed configurations (same splits and seed; never candidates of the search)");
            text.AppendLine();
            text.AppendLine("| configuration | validation AUC | test AUC | time (s) |");
            text.AppendLine("| --- | --- | --- | --- |");
            text.AppendLine(Invariant($"| selected: {board.Best.Candidate} | {board.Best.ValidationAuc:F4} | {board.TestAuc:F4} | {board.Duration.TotalSeconds:F0} (whole search) |"));
            foreach (var r in references)
                text.AppendLine(Invariant($"| {r.Name}{(r.Collapsed ? " (collapsed)" : "")} | {r.ValidationAuc:F4} | {r.TestAuc:F4} | {r.Seconds:F0} |"));
        }
        if (modelNote is not null)
        {
            text.AppendLine();
            text.AppendLine(modelNote);
        }
        AtomicFile.WriteAllText(markdown, text.ToString());

        var root = new JsonObject
        {
            ["setup"] = setup,
            ["command"] = commandLine,
            ["splits"] = splits,
            ["leaderboard"] = JsonNode.Parse(board.ToJson()),
            ["references"] = new JsonArray([.. references.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Name,
                ["validationAuc"] = double.IsFinite(r.ValidationAuc) ? r.ValidationAuc : null,
                ["testAuc"] = r.TestAuc,
                ["seconds"] = Math.Round(r.Seconds, 1),
                ["collapsed"] = r.Collapsed,
            })]),
            ["model"] = modelNote,
        };
        AtomicFile.WriteAllText(json, root.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        LeaderboardPlot.Save(png, board, $"Detector search, {setup}: validation AUC per trial");
        return [markdown, json, png];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
