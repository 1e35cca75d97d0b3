using System.Diagnostics;

namespace MLNet.DeepSvdd.Selection.Search;

/// <summary>
/// Runs one trial: fits the candidate, scores the validation rows and gives the verdict. A collapse (the detector's own verdict, or validation
/// scores that are all equal), a divergence or an exception becomes a recorded trial that can never be selected; a cancellation by the caller
/// is passed on, one by the time budget ends the trial as <see cref="TrialVerdict.StoppedByBudget"/>.
/// </summary>
internal sealed class TrialRunner
{
    private readonly TrialContext context;
    private readonly bool[] validationLabels;
    private readonly CancellationToken caller;
    private readonly CancellationToken budget;
    private readonly Stopwatch clock;

    public TrialRunner(TrialContext context, bool[] validationLabels, CancellationToken caller, CancellationToken budget, Stopwatch clock)
    {
        this.context = context;
        this.validationLabels = validationLabels;
        this.caller = caller;
        this.budget = budget;
        this.clock = clock;
    }

    /// <summary>The Score column of <paramref name="scored"/>, in row order.</summary>
    public static float[] Scores(IDataView scored)
    {
        var column = scored.Schema.GetColumnOrNull("Score") ?? throw new InvalidOperationException(
            "The detector's output has no 'Score' column; a search candidate must add a Single Score (higher = more anomalous).");
        if (column.Type != NumberDataViewType.Single)
            throw new InvalidOperationException($"The detector's 'Score' column has type {column.Type}; a Single is expected.");
        return scored.GetColumn<float>(column).ToArray();
    }

    /// <summary>Trains <paramref name="candidate"/> (for <paramref name="epochs"/> epochs when it trains in epochs) and judges it.</summary>
    public (TrialResult Result, ITransformer? Model) Run(DetectorCandidate candidate, int number, int rung, int? epochs)
    {
        var started = clock.Elapsed;
        var watch = Stopwatch.StartNew();
        TrialResult Result(TrialVerdict verdict, double auc, int? selectedEpoch, string? message) =>
            new(number, candidate.Name, candidate.Family, candidate.Parameters, rung, candidate.Epochs is null ? null : epochs ?? candidate.Epochs,
                selectedEpoch, auc, started, watch.Elapsed, verdict, message);

        TrialFit fit;
        try
        {
            fit = candidate.Fit(context, epochs, budget);
        }
        catch (OperationCanceledException) when (caller.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return (Result(TrialVerdict.StoppedByBudget, double.NaN, null, "The time budget ended during this trial."), null);
        }
        catch (TrainingDivergedException e)
        {
            return (Result(TrialVerdict.Diverged, double.NaN, null, e.Message), null);
        }
        catch (HypersphereCollapseException e)
        {
            return (Result(TrialVerdict.Collapsed, double.NaN, null, e.Message), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (Result(TrialVerdict.Failed, double.NaN, null, $"{e.GetType().Name}: {e.Message}"), null);
        }

        var scores = fit.ValidationScores;
        if (scores.Length != validationLabels.Length)
            return (Result(TrialVerdict.Failed, double.NaN, fit.SelectedEpoch,
                $"The detector scored {scores.Length} validation rows; the validation set has {validationLabels.Length}."), null);
        int nonFinite = scores.Count(s => !float.IsFinite(s));
        if (nonFinite > 0)
            return (Result(TrialVerdict.Diverged, double.NaN, fit.SelectedEpoch, $"{nonFinite} of {scores.Length} validation scores are not finite."), null);
        double auc = RocAuc.Compute(scores, validationLabels);
        if (fit.CollapseReason is { } reason) return (Result(TrialVerdict.Collapsed, auc, fit.SelectedEpoch, reason), null);
        if (scores.Min() == scores.Max())
            return (Result(TrialVerdict.Collapsed, auc, fit.SelectedEpoch,
                $"All {scores.Length} validation scores are equal ({scores[0]:G4}): the detector cannot tell rows apart."), null);
        return (Result(TrialVerdict.Completed, auc, fit.SelectedEpoch, null), fit.Model);
    }
}
