namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>
/// Runs the reference PyTorch implementation (<c>torch_deepsvdd.py --bench</c>) on the same shape: full training steps on random
/// tensors after 3 warm-up steps, and scoring, with 2 threads. Needs python3 with torch (Debian: python3-torch).
/// </summary>
public sealed class TorchPeer(string script, string python)
{
    public string Script { get; } = script;

    /// <summary>The Python interpreter: DEEPSVDD_PYTHON, else Debian's /usr/bin/python3 (where python3-torch installs), else python3.</summary>
    public string Python { get; } = python;

    /// <summary>The script given, else DEEPSVDD_TORCH_PEER, else shared/peers/torch_deepsvdd.py in or above the working and app folders.</summary>
    public static TorchPeer Locate(string? explicitPath)
    {
        string? path = explicitPath ?? Environment.GetEnvironmentVariable("DEEPSVDD_TORCH_PEER");
        if (path is null)
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null && path is null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "shared", "peers", "torch_deepsvdd.py");
                    if (File.Exists(candidate)) path = candidate;
                }
                if (path is not null) break;
            }
        }
        if (path is null || !File.Exists(path))
        {
            throw new FileNotFoundException("--compare-torch needs the reference script torch_deepsvdd.py: pass --peer PATH or set " +
                "DEEPSVDD_TORCH_PEER (it also needs python3 with torch, e.g. apt-get install python3-torch).", path);
        }
        string python = Environment.GetEnvironmentVariable("DEEPSVDD_PYTHON") ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        return new TorchPeer(path, python);
    }

    public PeerResult Run(BenchCase c, int steps)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Script, "--bench", "--net", c.PeerNetwork!, "--bias", "on", "--reg", c.PeerRegularizer,
                     "--size", c.Size.ToString(CultureInfo.InvariantCulture), "--threads", "2", "--bench-steps", steps.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} could not be started.");
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"The PyTorch peer failed ({process.ExitCode}): {error.Trim()}");
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        using var json = JsonDocument.Parse(last);
        return new PeerResult(json.RootElement.GetProperty("train_img_per_s").GetDouble(), json.RootElement.GetProperty("score_img_per_s").GetDouble());
    }
}
