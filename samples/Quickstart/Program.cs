// Quickstart for MLNet.DeepSvdd.
//   dotnet run --project samples/Quickstart -c Release                 CIFAR-10 one-vs-all with the pretrained ResNet-18 (a few minutes)
//   dotnet run --project samples/Quickstart -c Release -- sensors      Deep SVDD on plain feature vectors (seconds)
//   dotnet run --project samples/Quickstart -c Release -- search       DetectorSearch: model selection on the same vectors (about a minute)
//   dotnet run --project samples/Quickstart -c Release -- finetune key=value …   one fit with given fine-tuning options (FineTuningStudy.cs)
// Options for the CIFAR-10 run: --normal-class N (1), --train N (1000), --epochs N (3), --test N (2000; 0 = the official 10 000), --resolution N (128),
//   --all-variants, --data PATH, --seed N.
// CIFAR-10 is read from --data or DEEPSVDD_CIFAR10_DIR (the binary batches or the official tarball), else downloaded.
// The command line is QuickstartCommandLine.cs (System.CommandLine); --help lists the commands and options.

try
{
    return QuickstartCommandLine.Run(args, QuickstartCommandLine.Samples);
}
catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or HttpRequestException or UnauthorizedAccessException)
{
    // Problems a user can fix (an option, the dataset's location, the network): the message and what to do, not a stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    if (e is ArgumentException) return 2;
    Console.Error.WriteLine($"For the Quickstart: pass --data <cifar-10-binary.tar.gz or its extracted folder>, or set {MLNet.DeepSvdd.Datasets.Cifar10Dataset.EnvironmentVariable}.");
    return 1;
}
