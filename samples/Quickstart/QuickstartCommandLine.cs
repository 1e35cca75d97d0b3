using System.CommandLine;
using System.Globalization;

/// <summary>
/// The Quickstart's command line (System.CommandLine): the CIFAR-10 run with its options (also as <c>cifar [options]</c>), and the
/// <c>sensors</c>, <c>search</c> and <c>finetune key=value …</c> commands (the pairs checked by <see cref="FineTuningStudy.Parse"/>). A usage
/// error prints <c>error: …</c> and returns 2.
/// </summary>
public static class QuickstartCommandLine
{
    /// <summary>Exit code of a command line that does not parse or an option value out of range.</summary>
    public const int UsageError = 2;

    /// <summary>What each command does; the program runs the samples, the tests record what they were asked.</summary>
    public sealed record Handlers(
        Action<CifarQuickstart.Settings> Cifar, Action Sensors, Action Search, Action<IReadOnlyList<string>> FineTune);

    /// <summary>The samples themselves.</summary>
    public static Handlers Samples { get; } = new(CifarQuickstart.Run, SensorDemo.Run, () => SensorSearch.Run(), args => FineTuningStudy.Run(args));

    /// <summary>Parses <paramref name="args"/> and runs the command; usage errors go to <paramref name="error"/> (default: standard error).</summary>
    public static int Run(string[] args, Handlers handlers, TextWriter? error = null)
    {
        var parsed = Create(handlers).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var output = error ?? Console.Error;
            foreach (var problem in parsed.Errors) output.WriteLine($"error: {problem.Message}");
            output.WriteLine("Run with --help for the commands and options.");
            return UsageError;
        }
        // Exceptions reach the caller (Program.cs turns the ones a user can fix into a message).
        return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>The root command: the CIFAR-10 run, with the cifar, sensors, search and finetune commands.</summary>
    public static RootCommand Create(Handlers handlers)
    {
        var root = new RootCommand("Quickstart for MLNet.DeepSvdd: CIFAR-10 one-vs-all with the pretrained ResNet-18 (a few minutes); " +
            "CIFAR-10 is read from --data or DEEPSVDD_CIFAR10_DIR (the binary batches or the official tarball), else downloaded.");
        AddCifar(root, handlers);
        var cifar = new Command("cifar", "The CIFAR-10 run (the same as no command).");
        AddCifar(cifar, handlers);
        root.Subcommands.Add(cifar);

        var sensors = new Command("sensors", "Deep SVDD on plain feature vectors (seconds).");
        sensors.SetAction(_ => handlers.Sensors());
        root.Subcommands.Add(sensors);

        var search = new Command("search", "DetectorSearch: model selection on the same vectors (about a minute).");
        search.SetAction(_ => handlers.Search());
        root.Subcommands.Add(search);

        var keys = new Argument<string[]>("key=value")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Fine-tuning options (see FineTuningStudy.cs for the keys).",
        };
        // The study's key=value syntax stays (docs/images-and-fine-tuning.md quotes it); each pair is checked here, a usage error before any work.
        keys.Validators.Add(result =>
        {
            try
            {
                FineTuningStudy.Parse(result.Tokens.Select(t => t.Value));
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
            }
        });
        var finetune = new Command("finetune", "One fit with given fine-tuning options, the validation AUC after every epoch (FineTuningStudy.cs).") { keys };
        finetune.SetAction(result => handlers.FineTune(result.GetValue(keys) ?? []));
        root.Subcommands.Add(finetune);
        return root;
    }

    private static void AddCifar(Command command, Handlers handlers)
    {
        var defaults = new CifarQuickstart.Settings();
        var normalClass = Number("--normal-class", "The normal class, 0–9.", defaults.NormalClass, max: 9, tooLarge: "--normal-class must be 0–9.");
        var train = Number("--train", "Training images.", defaults.TrainImages);
        var epochs = Number("--epochs", "Training epochs (at least 1).", defaults.Epochs);
        var test = Number("--test", "Test images (0 = the official 10 000).", defaults.TestImages);
        var resolution = Number("--resolution", "Side in pixels the network resizes images to (at least 16).", defaults.Resolution, min: 16,
            tooSmall: "--resolution must be at least 16 pixels.");
        var seed = Number("--seed", "Seeds the split and the training.", defaults.Seed);
        var allVariants = new Option<bool>("--all-variants") { Description = "Train all four variants of the paper, not only w/ bias and w/ bias & noise reg." };
        var data = new Option<string?>("--data") { Description = "CIFAR-10: cifar-10-binary.tar.gz or its extracted folder.", HelpName = "PATH" };
        foreach (Option option in new Option[] { normalClass, train, epochs, test, resolution, allVariants, data, seed }) command.Options.Add(option);
        command.SetAction(result => handlers.Cifar(defaults with
        {
            NormalClass = result.GetValue(normalClass),
            TrainImages = result.GetValue(train),
            Epochs = Math.Max(1, result.GetValue(epochs)),
            TestImages = result.GetValue(test),
            AllVariants = result.GetValue(allVariants),
            DataPath = result.GetValue(data),
            Seed = result.GetValue(seed),
            Resolution = result.GetValue(resolution),
        }));
    }

    /// <summary>A whole-number option (≥ 0, or the given bounds) with its default.</summary>
    private static Option<int> Number(string name, string description, int defaultValue, int min = 0, int max = int.MaxValue,
        string? tooSmall = null, string? tooLarge = null)
    {
        return new Option<int>(name)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 0)
                    result.AddError($"Option {name} needs a whole number ≥ 0, got '{text}'.");
                else if (value < min) result.AddError(tooSmall ?? $"{name} must be at least {min}.");
                else if (value > max) result.AddError(tooLarge ?? $"{name} must be at most {max}.");
                return value;
            },
        };
    }
}
