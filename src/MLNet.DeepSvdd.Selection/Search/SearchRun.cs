using System.Diagnostics;
using Microsoft.ML.Runtime;

namespace MLNet.DeepSvdd.Selection.Search;

/// <summary>
/// One execution of a search: the strategy's order of trials, the budgets, the standing of every candidate still in the search (its latest
/// eligible trial and model), progress, and the final choice.
/// </summary>
internal sealed class SearchRun
{
    private readonly MLContext ml;
    private readonly DetectorSearch.Options options;
    private readonly SearchSpace space;
    private readonly int seed;
    private readonly IChannel channel;
    private readonly TrialContext context;
    private readonly bool[] validationLabels;
    private readonly Stopwatch clock = new();
    private readonly List<TrialResult> trials = [];
    private readonly Dictionary<DetectorCandidate, (TrialResult Trial, ITransformer Model)> standing = [];
    private readonly Dictionary<DetectorCandidate, int?> trainedEpochs = [];
    private (TrialResult Trial, ITransformer Model)? bestCompleted;
    private TrialRunner? runner;
    private readonly MLContextAccess access;
    private string? stopReason;
    private int plannedTrials;
    private double plannedWork, doneWork;
    private double secondsPerWork = double.NaN;

    public SearchRun(MLContext ml, DetectorSearch.Options options, SearchSpace space, int seed, IDataView train, IDataView validation,
        string featureColumn, bool[] validationLabels, IChannel channel)
    {
        this.ml = ml;
        this.options = options;
        this.space = space;
        this.seed = seed;
        this.channel = channel;
        this.validationLabels = validationLabels;
        context = new TrialContext(ml, train, validation, featureColumn, options.LabelColumnName, seed,
            new FeatureCache(ml, train, validation, featureColumn, seed));
        access = MLContextAccess.FromContext(ml);
    }

    public SelectedDetector Execute(bool[]? testLabels, CancellationToken cancellation)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        clock.Start();
        // CancelAfter takes at most about 49.7 days (uint.MaxValue - 1 ms); a longer budget is checked between trials (TryRun) only.
        if (options.TimeBudget is { } limit && limit.TotalMilliseconds < uint.MaxValue - 1) budget.CancelAfter(limit);
        runner = new TrialRunner(context, validationLabels, cancellation, budget.Token, clock);
        channel.Info(MessageSensitivity.None, $"Detector search: {space.Candidates.Count} candidates, strategy {options.Strategy}, seed {seed}" +
            (options.MaxTrials is { } max ? $", at most {max} trials" : "") + (options.TimeBudget is { } t ? $", time budget {t}" : "") + ".");

        IReadOnlyList<DetectorCandidate> finalists = options.Strategy switch
        {
            SearchStrategy.Grid => RunInOrder(space.Candidates, budget.Token),
            SearchStrategy.Random => RunInOrder(Shuffled(space.Candidates), budget.Token),
            _ => RunSuccessiveHalving(budget.Token),
        };
        cancellation.ThrowIfCancellationRequested();

        var best = finalists.Where(standing.ContainsKey).Select(c => standing[c])
            .OrderByDescending(s => s.Trial.ValidationAuc).ThenBy(s => s.Trial.Number).FirstOrDefault();
        // No finalist has a usable trial (the last survivors of successive halving diverged, collapsed or failed in a later round): the best
        // completed trial of the whole search is selected rather than none.
        if (best.Model is null && bestCompleted is { } fallback)
        {
            best = fallback;
            channel.Info(MessageSensitivity.None, $"No candidate still in the search has a usable trial; selecting the best completed trial of the search, trial {fallback.Trial.Number}.");
        }
        if (best.Model is null)
        {
            string summary = string.Join(Environment.NewLine, trials.Select(t => $"  trial {t.Number} {t.Candidate}: {t.Verdict} {t.Message}"));
            throw new NoUsableDetectorException(
                $"No trial of the detector search produced a detector that can be selected ({trials.Count} trials" +
                (stopReason is null ? "" : $", stopped by the {stopReason}") + "). " +
                (trials.Count == 0 ? "Raise TimeBudget or MaxTrials." : $"What happened:{Environment.NewLine}{summary}"), trials);
        }

        double? testAuc = null;
        if (testLabels is not null)
        {
            var scores = TrialRunner.Scores(best.Model.Transform(options.TestSet!));
            testAuc = scores.All(float.IsFinite) ? RocAuc.Compute(scores, testLabels) : double.NaN;
        }
        var leaderboard = new Leaderboard([.. trials], best.Trial, options.Strategy, seed, clock.Elapsed, stopReason, testAuc, testLabels?.Length,
            validationLabels.Length);
        channel.Info(MessageSensitivity.None, $"Detector search selected trial {best.Trial.Number}, {best.Trial.Candidate}: validation AUC " +
            $"{best.Trial.ValidationAuc:F4}" + (testAuc is { } auc ? $", test AUC {auc:F4}" : "") + $" ({trials.Count} trials, {clock.Elapsed.TotalSeconds:F0} s).");
        return new SelectedDetector(best.Model, leaderboard);
    }

    /// <summary>Grid and random search: each candidate once, at its full epochs. Only the best model is kept in memory.</summary>
    private IReadOnlyList<DetectorCandidate> RunInOrder(IReadOnlyList<DetectorCandidate> order, CancellationToken budget)
    {
        var planned = order.Take(options.MaxTrials ?? int.MaxValue).ToList();
        plannedTrials = planned.Count;
        plannedWork = planned.Sum(c => Work(c.Epochs));
        var ran = new List<DetectorCandidate>();
        foreach (var candidate in planned)
        {
            if (!TryRun(candidate, 0, candidate.Epochs, budget)) break;
            ran.Add(candidate);
            // Keep only the leader's model: the others can no longer be selected.
            var leader = standing.OrderByDescending(s => s.Value.Trial.ValidationAuc).ThenBy(s => s.Value.Trial.Number).Select(s => s.Key).FirstOrDefault();
            foreach (var other in standing.Keys.Where(c => c != leader).ToList()) standing.Remove(other);
        }
        if (stopReason is null && planned.Count < order.Count) stopReason = "trial budget"; // every trial MaxTrials allowed has run
        return ran;
    }

    /// <summary>Successive halving over epochs; returns the candidates still in the search when it ends.</summary>
    private IReadOnlyList<DetectorCandidate> RunSuccessiveHalving(CancellationToken budget)
    {
        int eta = options.HalvingRate;
        int maxEpochs = space.Candidates.Max(c => c.Epochs ?? 0);
        var alive = space.Candidates.ToList();
        EstimateHalvingPlan(alive.Count, eta, maxEpochs);
        int rung = 0;
        int epochs = Math.Min(options.MinEpochs, Math.Max(maxEpochs, 1));
        while (true)
        {
            foreach (var candidate in alive)
            {
                int? target = candidate.Epochs is { } full ? Math.Min(full, epochs) : null;
                if (trainedEpochs.TryGetValue(candidate, out var done) && (candidate.Epochs is null || done == target)) continue; // already at this fidelity
                if (!TryRun(candidate, rung, target, budget)) return alive;
            }
            alive = alive.Where(standing.ContainsKey).ToList(); // a collapsed, diverged or failed trial leaves the search
            bool atFullEpochs = alive.All(c => c.Epochs is null || trainedEpochs[c] == c.Epochs);
            if (alive.Count == 0 || atFullEpochs) return alive;
            if (alive.Count > 1)
            {
                int keep = (alive.Count + eta - 1) / eta;
                var survivors = alive.OrderByDescending(c => standing[c].Trial.ValidationAuc).ThenBy(c => standing[c].Trial.Number).Take(keep).ToList();
                foreach (var gone in alive.Except(survivors)) standing.Remove(gone);
                alive = survivors;
                channel.Info(MessageSensitivity.None, $"Successive halving round {rung}: {alive.Count} candidate(s) go on: {string.Join("; ", alive.Select(c => c.Name))}.");
            }
            rung++;
            // One candidate left: train it at its full epochs at once rather than in η-fold steps.
            epochs = alive.Count == 1 ? maxEpochs : (int)Math.Min((long)epochs * eta, maxEpochs);
        }
    }

    /// <summary>Runs one trial unless a budget is spent; false when the search must stop.</summary>
    private bool TryRun(DetectorCandidate candidate, int rung, int? epochs, CancellationToken budget)
    {
        if (access.IsCanceled) throw new OperationCanceledException(); // DetectorSearch.Fit says why (the caller's MLContext)
        if (options.MaxTrials is { } max && trials.Count >= max)
        {
            stopReason = "trial budget";
            return false;
        }
        if (budget.IsCancellationRequested || options.TimeBudget is { } limit && clock.Elapsed >= limit)
        {
            stopReason ??= "time budget";
            return false;
        }
        var (result, model) = runner!.Run(candidate, trials.Count + 1, rung, epochs);
        trials.Add(result);
        if (model is not null)
        {
            standing[candidate] = (result, model);
            trainedEpochs[candidate] = result.Epochs;
            if (bestCompleted is not { } leader || result.ValidationAuc > leader.Trial.ValidationAuc) bestCompleted = (result, model);
        }
        else if (result.Verdict != TrialVerdict.StoppedByBudget)
        {
            standing.Remove(candidate);
            trainedEpochs[candidate] = result.Epochs;
        }
        // A trial the time budget stopped leaves the candidate's earlier rounds standing: they completed and can still be selected.
        if (result.Verdict == TrialVerdict.StoppedByBudget) stopReason = "time budget";
        Report(result, Work(result.Epochs));
        return result.Verdict != TrialVerdict.StoppedByBudget;
    }

    private void Report(TrialResult result, double work)
    {
        doneWork += work;
        if (doneWork > 0) secondsPerWork = clock.Elapsed.TotalSeconds / doneWork;
        TimeSpan? remaining = double.IsNaN(secondsPerWork) ? null : TimeSpan.FromSeconds(Math.Max(0, plannedWork - doneWork) * secondsPerWork);
        if (remaining is { } r && options.TimeBudget is { } limit && limit - clock.Elapsed < r) remaining = limit - clock.Elapsed > TimeSpan.Zero ? limit - clock.Elapsed : TimeSpan.Zero;
        var leader = standing.Values.OrderByDescending(s => s.Trial.ValidationAuc).ThenBy(s => s.Trial.Number).Select(s => s.Trial).FirstOrDefault();
        channel.Info(MessageSensitivity.None, $"Trial {result.Number}/{Math.Max(plannedTrials, trials.Count)} {result.Candidate}" +
            (result.Epochs is { } e ? $" ({e} epochs)" : "") + $": {result.Verdict}" +
            (double.IsNaN(result.ValidationAuc) ? "" : $", validation AUC {result.ValidationAuc:F4}") + $" in {result.Duration.TotalSeconds:F1} s" +
            (result.Message is null ? "" : $" ({result.Message})") + (remaining is { } eta ? $"; about {eta.TotalMinutes:F1} min left" : ""));
        options.Progress?.Report(new SearchProgress(result, trials.Count, Math.Max(plannedTrials, trials.Count), leader, clock.Elapsed, remaining));
    }

    /// <summary>The cost unit of the ETA: an epoch of a deep candidate, or one fit of a shallow one.</summary>
    private static double Work(int? epochs) => epochs ?? 1;

    /// <summary>Trials and work the halving plan takes if no trial fails (every candidate counted as a deep one; an estimate).</summary>
    private void EstimateHalvingPlan(int candidates, int eta, int maxEpochs)
    {
        int deep = space.Candidates.Count(c => c.Epochs is not null);
        int shallow = candidates - deep;
        plannedTrials = shallow;
        plannedWork = shallow;
        int n = deep;
        int epochs = Math.Min(options.MinEpochs, Math.Max(maxEpochs, 1));
        while (n > 0)
        {
            plannedTrials += n;
            plannedWork += (double)n * epochs;
            if (epochs >= maxEpochs) break;
            if (n == 1) { epochs = maxEpochs; continue; }
            n = (n + candidates - deep + eta - 1) / eta; // survivors of the whole round, shallow ones included, an upper bound on the deep ones
            n = Math.Min(n, deep);
            epochs = n == 1 ? maxEpochs : (int)Math.Min((long)epochs * eta, maxEpochs);
        }
        if (options.MaxTrials is { } max) plannedTrials = Math.Min(plannedTrials, max);
    }

    /// <summary>The candidates in an order drawn from the seed (Fisher–Yates).</summary>
    private List<DetectorCandidate> Shuffled(IReadOnlyList<DetectorCandidate> candidates)
    {
        var order = candidates.ToList();
        var random = new Random(seed);
        for (int i = order.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
