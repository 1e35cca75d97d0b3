namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>
/// Issue 24: Ctrl-C (SIGINT) or SIGTERM during an atomic write leaves no hidden temporary file, and stale temporary files of our own
/// naming (from a process killed outright) are removed by the next write to the same destination; nothing else is touched.
/// </summary>
public sealed class InterruptedWriteTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("deepsvdd-interrupt-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [Trait(TestCategories.Name, TestCategories.Slow)] // starts a process
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void A_signal_during_a_write_removes_the_temporary_file_and_keeps_the_previous_content(string signal, int status)
    {
        string destination = Path.Combine(root, "model.zip");
        File.WriteAllText(destination, "the previous model");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", typeof(ModelLoadProcess).Assembly.Location, "interrupted-write", destination }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string? line = process.StandardOutput.ReadLine();
        line.Should().Be("writing", process.HasExited ? process.StandardError.ReadToEnd() : "");
        Directory.GetFiles(root).Should().HaveCount(2, "the destination and the temporary file being written");

        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        process.WaitForExit(30_000).Should().BeTrue("the signal ends the process");

        process.ExitCode.Should().Be(status, "the signal's default ending, as without the cleanup");
        Directory.GetFiles(root).Should().Equal(destination);
        File.ReadAllText(destination).Should().Be("the previous model");
    }

    [Fact]
    public void A_write_sweeps_stale_temporary_files_of_its_destination_and_nothing_else()
    {
        string destination = Path.Combine(root, "m.zip");
        int exited;
        using (var gone = Process.Start("true")!)
        {
            gone.WaitForExit();
            exited = gone.Id;
        }
        string hex() => Guid.NewGuid().ToString("N");
        string deadWriter = Path.Combine(root, $".m.zip.{exited}.{hex()}.tmp");
        string oldLegacy = Path.Combine(root, $".m.zip.{hex()}.tmp");
        string freshLegacy = Path.Combine(root, $".m.zip.{hex()}.tmp");
        string liveWriter = Path.Combine(root, $".m.zip.{Environment.ProcessId}.{hex()}.tmp");
        string notOurs = Path.Combine(root, ".m.zip.backup.tmp");
        string otherDestination = Path.Combine(root, $".n.zip.{exited}.{hex()}.tmp");
        foreach (string path in new[] { deadWriter, oldLegacy, freshLegacy, liveWriter, notOurs, otherDestination }) File.WriteAllText(path, "partial");
        File.SetLastWriteTimeUtc(oldLegacy, DateTime.UtcNow - TimeSpan.FromHours(2));

        AtomicFile.WriteAllText(destination, "new");

        Directory.GetFiles(root).Should().BeEquivalentTo([destination, freshLegacy, liveWriter, notOurs, otherDestination],
            "a writer that exited or an hour without writes makes a temporary file stale; a fresh one may belong to a write in progress");
        File.ReadAllText(destination).Should().Be("new");
    }
}
