namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>
/// Issue 24: <see cref="AtomicFile.DeleteInFlight"/> deletes the temporary files of the writes in progress in the whole process (what a
/// signal handler must do), so this test runs alone: beside other tests it would delete their writes (a CI run lost a model this way).
/// </summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class InFlightDeletionTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("deepsvdd-inflight-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void DeleteInFlight_removes_only_the_writes_in_progress()
    {
        string destination = Path.Combine(root, "out.json");
        File.WriteAllText(destination, "old");
        int deleted = -1;

        var write = () => AtomicFile.Write(destination, stream =>
        {
            stream.Write(new byte[100]);
            Directory.GetFiles(root, ".*.tmp").Should().ContainSingle();
            deleted = AtomicFile.DeleteInFlight();
            Directory.GetFiles(root, ".*.tmp").Should().BeEmpty();
        });

        write.Should().Throw<IOException>("the rename finds its temporary file gone, as when the signal's handler ran first");
        deleted.Should().Be(1);
        Directory.GetFiles(root).Should().Equal(destination);
        File.ReadAllText(destination).Should().Be("old");
        AtomicFile.DeleteInFlight().Should().Be(0);
    }
}
