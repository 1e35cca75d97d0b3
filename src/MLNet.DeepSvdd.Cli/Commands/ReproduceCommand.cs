using MLNet.DeepSvdd.Cli.Reproduce;

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
        [Description("smoke (about a minute, machinery only), cpu (reduced; on 2 cores about 40 min per Deep SVDD row of Table III, use --methods to pick rows) or full (the paper's settings, for a GPU).")]
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

        [CommandOption("--methods")]
        [Description("Only these rows: comma-separated method ids or parts of them (e.g. noise-reg,oc-svm-w-cnn).")]
        public string? Methods { get; init; }

        [CommandOption("--columns")]
        [Description("Only these columns: comma-separated column ids or parts of them (e.g. strokes-1 or 2x2,8x8; default: every column of the table).")]
        public string? Columns { get; init; }

        [CommandOption("--classes")]
        [Description("One-vs-all: only these normal classes, comma-separated (e.g. 0,3,5; default: the profile's).")]
        public string? Classes { get; init; }

        [CommandOption("--report-only")]
        [Description("Write table.md, results.json and the plots from the runs already in the output folder; start no run.")]
        public bool ReportOnly { get; init; }

        /// <summary>The classes of a --classes list, or null when it is not a list of classes 0–9.</summary>
        internal static int[]? ParseClasses(string text)
        {
            var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var classes = new List<int>();
            foreach (var part in parts)
            {
                if (!int.TryParse(part, out int c) || c is < 0 or > 9) return null;
                if (!classes.Contains(c)) classes.Add(c);
            }
            return classes.Count > 0 ? [.. classes] : null;
        }

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
            if (Classes is not null && ParseClasses(Classes) is null) return ValidationResult.Error($"--classes '{Classes}': expected CIFAR-10 classes 0–9, comma-separated.");
            if (Methods is not null)
            {
                try { Reproduction.SelectMethods(PaperTables.Get(Table), Methods); }
                catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
            }
            if (Columns is not null)
            {
                try { Reproduction.SelectColumns(PaperTables.Get(Table), Columns); }
                catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
            }
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        // Errors (CIFAR-10 not found, a bad --out, a cancelled or failed run) go to ExitCodes through CliApp's exception handler.
        string table = Reproduction.Run(settings.Table, settings.Profile, settings.Output, settings.Data, settings.Seeds,
            line => AnsiConsole.WriteLine(line), cancellation, settings.ReportOnly, settings.Methods,
            settings.Classes is null ? null : Settings.ParseClasses(settings.Classes), settings.Columns);
        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine(File.ReadAllText(table));
        return ExitCodes.Success;
    }
}
