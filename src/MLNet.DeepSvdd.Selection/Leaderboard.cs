using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;

namespace MLNet.DeepSvdd.Selection;

/// <summary>
/// What a <see cref="DetectorSearch"/> did: every trial with its settings, epochs, validation AUC, time and verdict, the selected trial, and the
/// test AUC of the selected model alone (so the reported test AUC was not used to choose).
/// </summary>
public sealed class Leaderboard
{
    internal Leaderboard(IReadOnlyList<TrialResult> trials, TrialResult best, SearchStrategy strategy, int seed, TimeSpan duration,
        string? stopReason, double? testAuc, int? testRows, int validationRows)
    {
        Trials = trials;
        Best = best;
        Strategy = strategy;
        Seed = seed;
        Duration = duration;
        StopReason = stopReason;
        TestAuc = testAuc;
        TestRows = testRows;
        ValidationRows = validationRows;
    }

    /// <summary>Every trial in execution order (a successive-halving candidate has one trial per round it was trained in).</summary>
    public IReadOnlyList<TrialResult> Trials { get; }

    /// <summary>
    /// The selected trial: the highest validation AUC among the eligible (<see cref="TrialVerdict.Completed"/>) trials of the candidates still
    /// in the search at its end — for successive halving the survivors of the last round, each judged by its latest trial. Ties go to the
    /// earlier trial.
    /// </summary>
    public TrialResult Best { get; }

    /// <summary>How the selected model was obtained: it is the model trained in <see cref="Best"/>'s trial, kept as trained (no refit).</summary>
    public string Selection => $"kept as trained in trial {Best.Number} (no refit)";

    /// <summary>The strategy used.</summary>
    public SearchStrategy Strategy { get; }

    /// <summary>The seed of the search (candidate order, every trial's training).</summary>
    public int Seed { get; }

    /// <summary>Wall-clock time of the whole search, test scoring included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Why the search ended before its plan: "time budget" or "trial budget"; null when every planned trial ran.</summary>
    public string? StopReason { get; }

    /// <summary>ROC AUC of the selected model on <see cref="DetectorSearch.Options.TestSet"/>; null without a test set. No other trial is scored on it.</summary>
    public double? TestAuc { get; }

    /// <summary>Rows of the test set; null without one.</summary>
    public int? TestRows { get; }

    /// <summary>Rows of the validation set.</summary>
    public int ValidationRows { get; }

    /// <summary>The trials ranked: eligible ones by validation AUC (best first), then the others in execution order.</summary>
    public IReadOnlyList<TrialResult> Ranked =>
        [.. Trials.Where(t => t.IsEligible).OrderByDescending(t => t.ValidationAuc).ThenBy(t => t.Number),
         .. Trials.Where(t => !t.IsEligible)];

    /// <summary>A Markdown summary and table of the ranked trials; the selected one is marked ★.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"Strategy {Strategy}, seed {Seed}, {Trials.Count} trials in {Duration.TotalMinutes:F1} min") +
            (StopReason is null ? "" : $" (stopped by the {StopReason})") + FormattableString.Invariant($"; {ValidationRows} validation rows."));
        text.AppendLine(FormattableString.Invariant($"Selected: **{Best.Candidate}**, validation AUC {Best.ValidationAuc:F4}, {Selection}") +
            (TestAuc is { } test ? FormattableString.Invariant($"; test AUC {test:F4} on {TestRows} rows (scored for the selected model only).") : "."));
        text.AppendLine();
        text.AppendLine("| | trial | candidate | round | epochs | kept epoch | validation AUC | time (s) | verdict |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var t in Ranked)
        {
            string verdict = t.Verdict == TrialVerdict.Completed ? "completed" : $"{t.Verdict}: {Shorten(t.Message)}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {(ReferenceEquals(t, Best) ? "★" : "")} | {t.Number} | {t.Candidate} | {t.Rung} | {t.Epochs?.ToString(CultureInfo.InvariantCulture) ?? "–"} | " +
                $"{t.SelectedEpoch?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {(double.IsNaN(t.ValidationAuc) ? "–" : t.ValidationAuc.ToString("F4", CultureInfo.InvariantCulture))} | " +
                $"{t.Duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} | {verdict} |");
        }
        return text.ToString();
    }

    /// <summary>The leaderboard as indented JSON: the summary, the selected trial's number and every trial with its parameters.</summary>
    public string ToJson()
    {
        var trials = new JsonArray();
        foreach (var t in Trials)
        {
            var parameters = new JsonObject();
            foreach (var (key, value) in t.Parameters) parameters[key] = value;
            trials.Add(new JsonObject
            {
                ["number"] = t.Number,
                ["candidate"] = t.Candidate,
                ["family"] = t.Family,
                ["parameters"] = parameters,
                ["round"] = t.Rung,
                ["epochs"] = t.Epochs,
                ["selectedEpoch"] = t.SelectedEpoch,
                ["validationAuc"] = double.IsFinite(t.ValidationAuc) ? t.ValidationAuc : null,
                ["startedSeconds"] = Math.Round(t.Started.TotalSeconds, 2),
                ["seconds"] = Math.Round(t.Duration.TotalSeconds, 2),
                ["verdict"] = t.Verdict.ToString(),
                ["message"] = t.Message,
                ["selected"] = ReferenceEquals(t, Best),
            });
        }
        var root = new JsonObject
        {
            ["strategy"] = Strategy.ToString(),
            ["seed"] = Seed,
            ["seconds"] = Math.Round(Duration.TotalSeconds, 2),
            ["stopReason"] = StopReason,
            ["validationRows"] = ValidationRows,
            ["selectedTrial"] = Best.Number,
            ["selection"] = Selection,
            ["testAuc"] = TestAuc,
            ["testRows"] = TestRows,
            ["trials"] = trials,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <inheritdoc/>
    public override string ToString() => ToMarkdown();

    private static string Shorten(string? message)
    {
        if (message is null) return "";
        message = message.Replace('|', '/').Replace('\n', ' ');
        return message.Length <= 120 ? message : message[..117] + "…";
    }
}
