using System.Globalization;
using MLNet.DeepSvdd.Networks;
using MLNet.DeepSvdd.Runtime;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>
/// Runs oneDNN checks in a fresh process of the test assembly with <c>ONEDNN_MAX_CPU_ISA</c> set, since oneDNN reads it once per process.
/// The child prints one line per case, "OK|BAD &lt;case&gt; | &lt;errors&gt;", and "ISA &lt;value&gt;" first.
/// </summary>
public static class OneDnnChildProcess
{
    /// <summary>The first argument that selects this entry point of the test assembly.</summary>
    public const string Command = "onednn";

    /// <summary>One line the child printed.</summary>
    public sealed record Line(bool Ok, string Case, string Detail);

    /// <summary>Starts the child with <paramref name="isa"/> and <paramref name="arguments"/>, returns its lines (throws when it failed).</summary>
    public static (string Isa, List<Line> Lines) Run(string isa, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", typeof(OneDnnChildProcess).Assembly.Location, Command }.Concat(arguments)) start.ArgumentList.Add(a);
        start.Environment[OneDnnSelfCheck.IsaVariable] = isa;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"The oneDNN child process failed ({process.ExitCode}): {error.Result}\n{output}");

        string seen = "";
        var lines = new List<Line>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("ISA ", StringComparison.Ordinal)) { seen = line[4..].Trim(); continue; }
            if (!line.StartsWith("OK ", StringComparison.Ordinal) && !line.StartsWith("BAD ", StringComparison.Ordinal)) continue;
            int bar = line.IndexOf(" | ", StringComparison.Ordinal);
            lines.Add(new Line(line.StartsWith("OK ", StringComparison.Ordinal), line[(line.IndexOf(' ') + 1)..bar], line[(bar + 3)..]));
        }
        return (seen, lines);
    }

    /// <summary>The child: "audit RESOLUTIONS BATCHES" (the primitive audit), "selfcheck raw|network|broken", "switch-off".</summary>
    public static int RunChild(string[] args)
    {
        Console.WriteLine("ISA " + (Environment.GetEnvironmentVariable(OneDnnSelfCheck.IsaVariable) ?? ""));
        torch.set_num_threads(Math.Min(2, Environment.ProcessorCount));
        switch (args.FirstOrDefault())
        {
            case "audit":
                PrimitiveAudit.Run(Ints(args[1]), Ints(args[2]), Console.Out);
                return 0;
            case "selfcheck":
                Func<Tensor, Tensor, long, long, Tensor> convolve = args[1] switch
                {
                    "raw" => (x, w, s, p) => nn.functional.conv2d(x, w, strides: [s, s], padding: [p, p]),
                    "network" => PointwiseConvolution.Convolve,
                    _ => throw new ArgumentException("selfcheck raw|network"),
                };
                var failures = OneDnnSelfCheck.Check(convolve);
                Console.WriteLine((failures.Count == 0 ? "OK" : "BAD") + " selfcheck " + args[1] + " | " + string.Join("; ", failures));
                return 0;
            case "switch-off":
                // libtorch's own convolutions on the shape oneDNN's AVX-512 kernel gets wrong.
                using (var probe = torch.zeros(1)) { }
                bool off = OneDnnSwitch.TrySetEnabled(false);
                var errors = ConvolutionCheck.Measure(new ConvolutionCheck.Shape(256, 512, 1, 2, 0, 4, 2), channelsLast: true,
                    (x, w, s, p) => nn.functional.conv2d(x, w, strides: [s, s], padding: [p, p]));
                Console.WriteLine((off && OneDnnSwitch.Enabled == false && errors.Max <= OneDnnSelfCheck.Tolerance ? "OK" : "BAD") +
                    $" switch-off raw 256→512 1×1 stride 2 | switched {off}, enabled {OneDnnSwitch.Enabled}, {errors}");
                return 0;
            default:
                Console.Error.WriteLine("usage: onednn audit RESOLUTIONS BATCHES | selfcheck raw|network | switch-off");
                return 2;
        }
    }

    private static int[] Ints(string list) => list.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
