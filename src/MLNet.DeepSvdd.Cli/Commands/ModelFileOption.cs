namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// The check of every <c>--model &lt;file.zip&gt;</c> option that reads a model (<c>evaluate</c>, <c>score</c>, <c>export</c>): given, not a
/// folder, existing. What the file holds (an ML.NET model zip, not an ONNX file) is checked when it is loaded, by the library.
/// </summary>
public static class ModelFileOption
{
    /// <summary>The validation result of <c>--model <paramref name="path"/></c>.</summary>
    public static ValidationResult Check(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return ValidationResult.Error("--model <file.zip> is required.");
        if (Directory.Exists(path)) return ValidationResult.Error($"--model '{path}' is a folder; expected a model .zip file (the file deepsvdd train or mlContext.Model.Save wrote).");
        if (!File.Exists(path)) return ValidationResult.Error($"--model '{path}' does not exist.");
        return ValidationResult.Success();
    }
}
