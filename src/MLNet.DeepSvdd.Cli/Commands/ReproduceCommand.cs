using System.ComponentModel;
using MLNet.DeepSvdd.Cli.Reproduce;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary><c>deepsvdd reproduce</c>: runs one of the paper's experiments and writes its table, JSON and plots; resumes when interrupted.</summary>
public sealed class ReproduceCommand : Command<ReproduceCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--table")]
        [Description("I, II, III, IV, V, VI or fig2.")]
        public string Table { get; init; } = "";

        [CommandOption("--profile")]
        [Description("smoke (seconds, machinery only), cpu (reduced, about an hour per table on 2 cores) or full (the paper's settings, for a GPU).")]
        [DefaultValue("cpu")]
        public string Profile { get; init; } = "cpu";

        [CommandOption("--out")]
        [Description("Output folder (default reproduce/table-<id>-<profile>). Runs already in it are skipped.")]
        public string? Output { get; init; }

        [CommandOption("--data")]
        [Description("CIFAR-10: the folder of the binary batches or cifar-10-binary.tar.gz (default: DEEPSVDD_CIFAR10_DIR).")]
        public string? Data { get; init; }

        [CommandOption("--seeds")]
        [Description("Runs per cell (overrides the profile's).")]
        public int? Seeds { get; init; }

        [CommandOption("--report-only")]
        [Description("Write table.md, results.json and the plots from the runs already in the output folder; start no run.")]
        public bool ReportOnly { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Table)) return ValidationResult.Error($"--table is required: one of {string.Join(", ", PaperTables.Ids)}.");
            try
            {
                PaperTables.Get(Table);
                ReproduceProfile.Get(Profile);
            }
            catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
            if (Seeds is < 1) return ValidationResult.Error("--seeds must be at least 1.");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        // Errors (CIFAR-10 not found, a bad --out, a cancelled or failed run) go to ExitCodes through CliApp's exception handler.
        string table = Reproduction.Run(settings.Table, settings.Profile, settings.Output, settings.Data, settings.Seeds,
            line => AnsiConsole.WriteLine(line), cancellation, settings.ReportOnly);
        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine(File.ReadAllText(table));
        return ExitCodes.Success;
    }
}
