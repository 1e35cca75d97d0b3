namespace MLNet.DeepSvdd.Selection;

/// <summary>How a trial of a <see cref="DetectorSearch"/> ended. Only <see cref="Completed"/> trials can be selected.</summary>
public enum TrialVerdict
{
    /// <summary>The detector trained and produced finite, non-constant validation scores: its validation AUC counts.</summary>
    Completed,

    /// <summary>
    /// The detector collapsed: Deep SVDD's collapse check fired (hypersphere collapse, φ ≡ c), or its validation scores were all equal
    /// (a detector that cannot tell rows apart). Recorded with its AUC for inspection, never selected.
    /// </summary>
    Collapsed,

    /// <summary>Training diverged (non-finite or exploding loss) or the validation scores were not finite. Never selected.</summary>
    Diverged,

    /// <summary>The candidate threw (for example an option that does not fit the data); the message says what. Never selected.</summary>
    Failed,

    /// <summary>The search's time budget ran out while this trial was training; it was stopped and is not selected.</summary>
    StoppedByBudget,
}
