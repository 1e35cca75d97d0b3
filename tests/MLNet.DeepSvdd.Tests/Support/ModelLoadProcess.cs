using System.Globalization;

namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>
/// The test assembly's entry point. Under the test host it is never called; the persistence tests start this assembly as a separate
/// process (<c>dotnet exec</c>) with "score-model MODEL SEED N" to load a saved model with nothing but ML.NET's <c>Model.Load</c> in a
/// fresh process and print the scores of N synthetic rows, one per line, as exact float bits. With "interrupted-write PATH" it installs
/// the CLI's interrupt handling, starts an atomic write of PATH, prints "writing" midway and waits to be interrupted. The oneDNN tests
/// start it with "onednn ..." to run convolutions in a fresh process under a chosen <c>ONEDNN_MAX_CPU_ISA</c>
/// (<see cref="OneDnnChildProcess"/>), because oneDNN reads that variable once per process.
/// With "nnpack ..." it scores single rows of a ResNet-18 model so the parent can read libtorch's standard error (<see cref="NnpackChildProcess"/>).
/// </summary>
public static class ModelLoadProcess
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == OneDnnChildProcess.Command) return OneDnnChildProcess.RunChild(args[1..]);
        if (args.Length > 0 && args[0] == NnpackChildProcess.Command) return NnpackChildProcess.RunChild(args[1..]);
        if (args.Length == 2 && args[0] == "interrupted-write")
        {
            using var interrupts = MLNet.DeepSvdd.Cli.Files.InterruptCleanup.Install();
            AtomicFile.Write(args[1], stream =>
            {
                stream.Write(new byte[1 << 20]);
                stream.Flush();
                Console.WriteLine("writing");
                Console.Out.Flush();
                Thread.Sleep(TimeSpan.FromMinutes(2));
            });
            return 3; // not interrupted
        }
        if (args.Length != 4 || args[0] != "score-model")
        {
            Console.Error.WriteLine("usage: score-model MODEL DATASEED ROWS");
            return 2;
        }
        var ml = new MLContext();
        var model = ml.Model.Load(args[1], out _);
        var rows = new SyntheticData(int.Parse(args[2], CultureInfo.InvariantCulture)).MixedRows(int.Parse(args[3], CultureInfo.InvariantCulture));
        var scores = model.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<float>("Score");
        foreach (var s in scores) Console.WriteLine(BitConverter.SingleToInt32Bits(s).ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>Runs this assembly in a new process and returns the scores it printed.</summary>
    public static float[] ScoreInFreshProcess(string modelPath, int dataSeed, int rows)
    {
        string assembly = typeof(ModelLoadProcess).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", assembly, "score-model", modelPath, dataSeed.ToString(CultureInfo.InvariantCulture), rows.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"The fresh process failed ({process.ExitCode}): {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => BitConverter.Int32BitsToSingle(int.Parse(l, CultureInfo.InvariantCulture))).ToArray();
    }
}
