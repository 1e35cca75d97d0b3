using System.Collections;
using MLNet.DeepSvdd.Networks.Pretrained;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Networks;

/// <summary>
/// Issue 24: the pretrained-weights cache is written like every other file the project keeps (<see cref="AtomicFile"/>): its temporary
/// file is one of the writes in progress that Ctrl-C deletes, and stale temporary files of the cache (of either naming) are swept by
/// the next write. Runs alone because <see cref="AtomicFile.DeleteInFlight"/> acts on the whole process.
/// </summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class PretrainedCacheWriteTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("deepsvdd-weights-cache-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void The_cache_write_is_a_write_in_progress_that_an_interrupt_deletes()
    {
        string cache = ResNet18ImageNet.CachePath(root, 42);
        int deleted = -1;
        string[] during = [];
        var weights = new HookedWeights(Weights(), () =>
        {
            during = Directory.GetFiles(root, "*.tmp");
            deleted = AtomicFile.DeleteInFlight(); // what the CLI's SIGINT/SIGTERM handler does
        });

        var write = () => ResNet18ImageNet.SaveCache(cache, weights);

        write.Should().Throw<IOException>("the rename finds its temporary file gone, as when the signal's handler ran first");
        during.Should().ContainSingle().Which.Should().StartWith(Path.Combine(root, ".resnet18-imagenet-42.weights."));
        deleted.Should().Be(1, "the cache's temporary file is registered as a write in progress");
        Directory.GetFiles(root).Should().BeEmpty("no temporary file and no partial cache is left");
    }

    [Fact]
    public void A_cache_write_sweeps_stale_temporary_files_of_both_namings_and_keeps_a_live_one()
    {
        int exited;
        using (var gone = Process.Start("true")!)
        {
            gone.WaitForExit();
            exited = gone.Id;
        }
        string cache = ResNet18ImageNet.CachePath(root, 42);
        string earlierVersion = cache + $".{exited}.tmp"; // what File.Create wrote before the cache went through AtomicFile
        string hidden = Path.Combine(root, $".resnet18-imagenet-42.weights.{exited}.{Guid.NewGuid():N}.tmp");
        string live = cache + $".{Environment.ProcessId}.tmp";
        string otherCache = ResNet18ImageNet.CachePath(root, 43) + $".{exited}.tmp";
        foreach (string path in new[] { earlierVersion, hidden, live, otherCache }) File.WriteAllText(path, "partial");

        ResNet18ImageNet.SaveCache(cache, Weights());

        Directory.GetFiles(root).Should().BeEquivalentTo([cache, live, otherCache],
            "a temporary file of this cache whose writer exited is stale; a running writer's file and another cache's are not touched");
        var read = ResNet18ImageNet.TryReadCache(cache);
        read.Should().NotBeNull();
        read!.Keys.Should().Equal("a", "b");
        read["a"].data<float>().ToArray().Should().Equal(1f, 2f, 3f, 4f, 5f, 6f);
        read["a"].shape.Should().Equal(2, 3);
        read["b"].data<float>().ToArray().Should().Equal(-0.5f);
    }

    private static Dictionary<string, Tensor> Weights() => new()
    {
        ["a"] = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]),
        ["b"] = tensor(new float[] { -0.5f }, [1]),
    };

    /// <summary>The weights, running <paramref name="midway"/> after the first tensor has been handed out (the write is then under way).</summary>
    private sealed class HookedWeights(Dictionary<string, Tensor> weights, Action midway) : IReadOnlyCollection<KeyValuePair<string, Tensor>>
    {
        public int Count => weights.Count;

        public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
        {
            bool first = true;
            foreach (var pair in weights)
            {
                if (!first) midway();
                first = false;
                yield return pair;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
