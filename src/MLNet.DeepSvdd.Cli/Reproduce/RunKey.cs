namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>One training run: a method in a column, on one normal class (one-vs-all) or all classes (−1), with one seed.</summary>
public sealed record RunKey(string Column, string Method, int NormalClass, int Seed)
{
    /// <summary>The file name of the run's result in the output folder's <c>runs/</c>.</summary>
    public string FileName => $"{Column}__{Method}__c{(NormalClass < 0 ? "all" : NormalClass.ToString())}__s{Seed}.json";
}

/// <summary>What one run measured.</summary>
public sealed class RunResult
{
    /// <summary>Column id.</summary>
    public string Column { get; set; } = "";

    /// <summary>Method id.</summary>
    public string Method { get; set; } = "";

    /// <summary>Normal class (one-vs-all), or −1.</summary>
    public int NormalClass { get; set; }

    /// <summary>Seed.</summary>
    public int Seed { get; set; }

    /// <summary>Test ROC AUC, from <c>mlContext.AnomalyDetection.Evaluate</c>.</summary>
    public double TestAuc { get; set; }

    /// <summary>Validation AUC of the kept model (best epoch for deep models, best γ for OC-SVM), or NaN.</summary>
    public double ValidationAuc { get; set; } = double.NaN;

    /// <summary>The kept epoch (deep models), or −1.</summary>
    public int SelectedEpoch { get; set; } = -1;

    /// <summary>Whether the collapse detector flagged the final model (deep models).</summary>
    public bool Collapsed { get; set; }

    /// <summary>Training plus scoring time in seconds.</summary>
    public double Seconds { get; set; }

    /// <summary>Sizes of the splits: training, validation, test rows.</summary>
    public int[] Rows { get; set; } = [];

    /// <summary>Method-specific settings that were chosen (e.g. γ) or notes.</summary>
    public Dictionary<string, string> Details { get; set; } = [];

    /// <summary>Test scores (higher = more anomalous), in test-set order.</summary>
    public float[] Scores { get; set; } = [];

    /// <summary>Test labels (true = anomaly), in test-set order.</summary>
    public bool[] Labels { get; set; } = [];
}
