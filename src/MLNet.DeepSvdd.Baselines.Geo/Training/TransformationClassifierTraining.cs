using System.Diagnostics;
using MLNet.DeepSvdd.Runtime;
using MLNet.DeepSvdd.Training.Optimization;

namespace MLNet.DeepSvdd.Baselines.Geo.Training;

/// <summary>
/// GEO's self-supervised task: train the classifier to tell which of the 72 transformations was applied to an image. Each epoch visits
/// every (image, transformation) pair once in random order; a minibatch gathers its images on the device, transforms each with its own
/// transformation in one gather (<paramref name="table"/>: the index maps on the device), and takes an Adam step on the 72-way cross-entropy.
/// </summary>
internal sealed class TransformationClassifierTraining(
    FeatureMap network, GeometricTransformations transformations, Tensor table, int epochs, int batchSize, double learningRate, double weightDecay,
    Device device, int seed, IChannel channel, Action checkCanceled)
{
    public List<GeoEpochReport> Run(Tensor images)
    {
        int rows = (int)images.shape[0];
        long pairs = (long)rows * GeometricTransformations.Count;
        long batches = pairs / batchSize + (pairs % batchSize >= 2 ? 1 : 0);
        var generator = new Generator((ulong)seed);
        using var optimizer = new FlatAdam([(network.parameters().ToList(), learningRate)], weightDecay);
        using var sumLoss = zeros([], ScalarType.Float32, device).DetachFromDisposeScope();
        using var correct = zeros([], ScalarType.Int64, device).DetachFromDisposeScope();
        var reports = new List<GeoEpochReport>();
        var total = Stopwatch.StartNew();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            network.train();
            sumLoss.zero_();
            correct.zero_();
            var permutation = randperm(pairs, generator: generator).to(device);
            long seen = 0;
            long reportEvery = Math.Max(1, batches / 10);
            for (long b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                long start = b * batchSize;
                long count = Math.Min(batchSize, pairs - start);
                var pair = permutation.narrow(0, start, count);
                var image = pair.FloorDividedBy(GeometricTransformations.Count);
                var transformation = pair.Remainder(GeometricTransformations.Count);
                var x = transformations.Apply(images.index_select(0, image), transformation, table);
                var logits = network.forward(x);
                var loss = nn.functional.cross_entropy(logits, transformation);
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step();
                using (no_grad())
                {
                    sumLoss.AddInPlace(loss.detach().Times(count));
                    correct.AddInPlace(logits.argmax(1).eq(transformation).sum());
                }
                seen += count;
                checkCanceled();
                if ((b + 1) % reportEvery == 0 && b + 1 < batches)
                {
                    // An epoch is 72 passes over the images: say how far it is, with the time left for the whole training.
                    double done = epoch + (b + 1.0) / batches;
                    var left = TimeSpan.FromSeconds(total.Elapsed.TotalSeconds / done * (epochs - done));
                    channel.Info(MessageSensitivity.None, $"GEO epoch {epoch + 1}/{epochs}: {(b + 1.0) / batches:P0} of {pairs} (image, transformation) pairs, ETA {left:hh\\:mm\\:ss}.");
                }
            }
            clock.Stop();
            checkCanceled();
            var report = new GeoEpochReport(epoch, sumLoss.item<float>() / seen, (double)correct.item<long>() / seen, clock.Elapsed);
            reports.Add(report);
            var remaining = TimeSpan.FromSeconds(total.Elapsed.TotalSeconds / (epoch + 1) * (epochs - epoch - 1));
            channel.Info(MessageSensitivity.None, $"GEO epoch {epoch + 1}/{epochs}: loss {report.Loss:F4}, accuracy {report.Accuracy:P1}, " +
                $"{report.Duration.TotalSeconds:F1} s, ETA {remaining:hh\\:mm\\:ss}.");
        }
        network.eval();
        return reports;
    }
}
