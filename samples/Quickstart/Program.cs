// Quickstart for MLNet.DeepSvdd.
//   dotnet run --project samples/Quickstart -c Release                 CIFAR-10 one-vs-all with the pretrained ResNet-18 (a few minutes)
//   dotnet run --project samples/Quickstart -c Release -- sensors      Deep SVDD on plain feature vectors (seconds)
//   dotnet run --project samples/Quickstart -c Release -- search       DetectorSearch: model selection on the same vectors (about a minute)
//   dotnet run --project samples/Quickstart -c Release -- finetune key=value …   one fit with given fine-tuning options (FineTuningStudy.cs)
// Options for the CIFAR-10 run: --normal-class N (1), --train N (1000), --epochs N (3), --test N (2000; 0 = the official 10 000), --resolution N (128),
//   --all-variants, --data PATH, --seed N.
// CIFAR-10 is read from --data or DEEPSVDD_CIFAR10_DIR (the binary batches or the official tarball), else downloaded.
using System.Globalization;

try
{
    return Run(args);
}
catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or HttpRequestException or UnauthorizedAccessException)
{
    // Problems a user can fix (an option, the dataset's location, the network): the message and what to do, not a stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    if (e is ArgumentException) return 2;
    Console.Error.WriteLine($"For the Quickstart: pass --data <cifar-10-binary.tar.gz or its extracted folder>, or set {MLNet.DeepSvdd.Datasets.Cifar10Dataset.EnvironmentVariable}.");
    return 1;
}

static int Run(string[] args)
{
    if (args.Length > 0 && args[0] == "finetune")
    {
        FineTuningStudy.Run(args[1..]);
        return 0;
    }

    if (args.Length > 0 && args[0] == "sensors")
    {
        SensorDemo.Run();
        return 0;
    }

    if (args.Length > 0 && args[0] == "search")
    {
        SensorSearch.Run();
        return 0;
    }

    var settings = new CifarQuickstart.Settings();
    for (int i = args.Length > 0 && args[0] == "cifar" ? 1 : 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
        int Number() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0
            ? n : throw new ArgumentException($"Option {args[i - 1]} needs a whole number ≥ 0, got '{args[i]}'.");
        settings = args[i] switch
        {
            "--normal-class" => settings with { NormalClass = Number() is var c and <= 9 ? c : throw new ArgumentException("--normal-class must be 0–9.") },
            "--train" => settings with { TrainImages = Number() },
            "--epochs" => settings with { Epochs = Math.Max(1, Number()) },
            "--test" => settings with { TestImages = Number() },
            "--all-variants" => settings with { AllVariants = true },
            "--data" => settings with { DataPath = Value() },
            "--seed" => settings with { Seed = Number() },
            "--resolution" => settings with { Resolution = Number() is var r and >= 16 ? r : throw new ArgumentException("--resolution must be at least 16 pixels.") },
            _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --normal-class, --train, --epochs, --test, --resolution, --all-variants, --data, --seed; or 'sensors', 'search'."),
        };
    }
    CifarQuickstart.Run(settings);
    return 0;
}
