using System.Text.Json.Nodes;

namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>
/// One training run: a method in a column, on one normal class (one-vs-all) or all classes (−1), with one seed, under the settings
/// whose hash is <see cref="Settings"/> (<see cref="RunSettings"/>: profile, column and method). A run stored under other settings has
/// another key and is never reused.
/// </summary>
public sealed record RunKey(string Column, string Method, int NormalClass, int Seed)
{
    /// <summary>The hash of the run's settings (<see cref="RunSettings.Hash"/>); empty only in keys used to name table cells.</summary>
    public string Settings { get; init; } = "";

    /// <summary>The run's name without its settings: <c>&lt;column&gt;__&lt;method&gt;__c&lt;class&gt;__s&lt;seed&gt;</c>.</summary>
    public string BaseName => $"{Column}__{Method}__c{(NormalClass < 0 ? "all" : NormalClass.ToString())}__s{Seed}";

    /// <summary>The file name of the run's result in the output folder's <c>runs/</c>: the base name, then the settings hash.</summary>
    public string FileName => Settings.Length > 0 ? $"{BaseName}__{Settings}.json" : $"{BaseName}.json";
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

    /// <summary>
    /// Pixel-level test ROC AUC of the model's anomaly maps against the alteration masks (<c>EvaluateLocalization</c>), or NaN: the model has no
    /// maps, or the column no masks (one-vs-all).
    /// </summary>
    public double PixelAuc { get; set; } = double.NaN;

    /// <summary>The normalised area under the test PRO curve up to a false-positive rate of 0.3 (MVTec AD's AUPRO), or NaN as <see cref="PixelAuc"/>.</summary>
    public double Pro { get; set; } = double.NaN;

    /// <summary>A few test anomalies with their anomaly maps (runs of seed 1 of models with maps), for the table's map grid; else null.</summary>
    public MapExamples? MapExamples { get; set; }

    /// <summary>Validation AUC of the kept model (best epoch for deep models, best γ for OC-SVM), or NaN.</summary>
    public double ValidationAuc { get; set; } = double.NaN;

    /// <summary>The kept epoch (deep models), or −1.</summary>
    public int SelectedEpoch { get; set; } = -1;

    /// <summary>Whether the collapse detector flagged the final model (deep models).</summary>
    public bool Collapsed { get; set; }

    /// <summary>
    /// The epoch whose losses diverged (deep models trained at too high a learning rate), or null: training stopped there and the run's model
    /// is the best validation epoch before it (<see cref="SelectedEpoch"/>), as the paper reports such runs.
    /// </summary>
    public int? DivergedEpoch { get; set; }

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

    /// <summary>The hash of <see cref="Settings"/>, as in the run's key and file name.</summary>
    public string SettingsHash { get; set; } = "";

    /// <summary>Every setting the run was made with (<see cref="RunSettings.Canonical"/>); a stored run is reused only when they equal the current ones.</summary>
    public JsonNode? Settings { get; set; }
}
