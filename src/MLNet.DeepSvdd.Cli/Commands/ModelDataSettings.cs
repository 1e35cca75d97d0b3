namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>The settings of the commands that apply a saved model (<c>evaluate</c>, <c>score</c>): the model file and the data.</summary>
public class ModelDataSettings : DataSettings
{
    [CommandOption("--model")]
    [Description("A model file saved by deepsvdd train (or any ML.NET model with a Deep SVDD stage).")]
    public string Model { get; init; } = "";

    public override ValidationResult Validate()
    {
        var data = base.Validate();
        if (!data.Successful) return data;
        return ModelFileOption.Check(Model);
    }
}
