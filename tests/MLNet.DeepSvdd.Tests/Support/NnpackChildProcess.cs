using System.Globalization;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>
/// Scores rows one at a time in a fresh process of the test assembly, so the parent can read what libtorch printed on standard error
/// while scoring ("Could not initialize NNPACK! …" on CPUs NNPACK does not support, for a convolution ATen sends to NNPACK: a single-image
/// batch of a float CPU input with a small kernel and a small input). The child trains a ResNet-18 Deep SVDD on 32×32 images, writes
/// "SCORING" to standard error, and then scores as asked: "engine N" N rows through a PredictionEngine, "saved N" N rows through a
/// plain <c>Model.Load</c> of the saved model (the row-by-row CustomMapping), "raw B" one libtorch 3×3 convolution of a [B, 64, 8, 8] input.
/// </summary>
public static class NnpackChildProcess
{
    /// <summary>The first argument that selects this entry point of the test assembly.</summary>
    public const string Command = "nnpack";

    /// <summary>The line the child writes to standard error between training and scoring.</summary>
    public const string ScoringMarker = "SCORING";

    /// <summary>Starts the child; returns its exit code, standard output and standard error.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", typeof(NnpackChildProcess).Assembly.Location, Command }.Concat(arguments)) start.ArgumentList.Add(a);
        start.Environment.Remove("TORCH_CPP_LOG_LEVEL"); // libtorch's own default, as a user gets it
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>The child.</summary>
    public static int RunChild(string[] args)
    {
        torch.set_num_threads(Math.Min(2, Environment.ProcessorCount));
        int count = int.Parse(args[1], CultureInfo.InvariantCulture);
        if (args[0] == "raw")
        {
            Console.Error.WriteLine(ScoringMarker);
            Console.Error.Flush();
            using var x = torch.rand([count, 64, 8, 8]);
            using var w = torch.rand([64, 64, 3, 3]);
            using var y = nn.functional.conv2d(x, w, padding: [1, 1]);
            Console.WriteLine(y.shape[0].ToString(CultureInfo.InvariantCulture));
            return 0;
        }
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var (model, train) = SmallDetectors.ResNet18At32(ml, random);
        var rows = Enumerable.Range(0, count).Select(_ => new SmallDetectors.FlexibleRow { Features = SmallDetectors.RandomImageRow(random) }).ToList();
        var definition = SchemaDefinition.Create(typeof(SmallDetectors.FlexibleRow));
        definition[nameof(SmallDetectors.FlexibleRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3 * 32 * 32);
        ITransformer scoring = model;
        if (args[0] == "saved")
        {
            string path = Path.Combine(Directory.CreateTempSubdirectory("deepsvdd-nnpack-").FullName, "m.zip");
            ml.Model.Save(model, train.Schema, path);
            scoring = new MLContext(seed: 1).Model.Load(path, out _);
        }
        else if (args[0] != "engine") throw new ArgumentException("nnpack engine|saved N | raw B");
        var engine = ml.Model.CreatePredictionEngine<SmallDetectors.FlexibleRow, DeepSvddPrediction>(scoring, inputSchemaDefinition: definition);
        Console.Error.WriteLine(ScoringMarker);
        Console.Error.Flush();
        foreach (var row in rows) Console.WriteLine(BitConverter.SingleToInt32Bits(engine.Predict(row).Score).ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
