using System.Buffers.Binary;
using MLNet.DeepSvdd.Cli.Commands;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary><c>train --representation patches</c> then <c>score --maps</c>: the overlay PNG of the most anomalous images, laid out as documented.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class ScoreMapsCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "deepsvdd-maps-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Score_writes_heat_map_overlays_of_the_most_anomalous_images()
    {
        var cifar = Cifar10Data.Dataset;
        WriteImages(Path.Combine(root, "train"), Enumerable.Range(0, cifar.Train.Count).Where(i => cifar.Train[i].Class == 1).Take(40).Select(i => cifar.Train[i]));
        WriteImages(Path.Combine(root, "test"), Enumerable.Range(0, 10).Select(i => cifar.Test[i]));
        string model = Path.Combine(root, "model.zip");
        var log = new List<string>();
        var train = new TrainCommand.Settings
        {
            Images = Path.Combine(root, "train"), Model = model, Network = DeepSvddNetwork.ResNet18Pretrained, InputResolution = 64,
            Representation = DeepSvddRepresentation.Patches, Epochs = 1, BatchSize = 20, Seed = 2,
        };
        train.Validate().Successful.Should().BeTrue();
        TrainCommand.Train(train, log.Add);

        string maps = Path.Combine(root, "maps.png");
        ScoreCommand.Score(new ScoreCommand.Settings
        {
            Model = model, Images = Path.Combine(root, "test"), Output = Path.Combine(root, "scores.csv"), Maps = maps, MapsCount = 4,
        }, log.Add).Should().Be(10);
        log.Should().Contain(l => l.Contains("Heat maps of the 4 most anomalous images") && l.Contains(maps));
        var png = File.ReadAllBytes(maps);
        png.Take(8).Should().Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 });
        // IHDR: width and height at bytes 16–23. Three panels of 32 px × scale 4 = 128 px with 2 px gaps: 3·130 + 2 by 4·130 + 2.
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)).Should().Be(392);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)).Should().Be(522);
    }

    [Fact]
    public void Maps_of_a_pooled_model_are_refused_naming_the_option()
    {
        var cifar = Cifar10Data.Dataset;
        WriteImages(Path.Combine(root, "train"), Enumerable.Range(0, 30).Select(i => cifar.Train[i]));
        string model = Path.Combine(root, "pooled.zip");
        TrainCommand.Train(new TrainCommand.Settings
        {
            Images = Path.Combine(root, "train"), Model = model, Network = DeepSvddNetwork.LeNet, Epochs = 1, Seed = 2,
        }, _ => { });
        var act = () => ScoreCommand.Score(new ScoreCommand.Settings
        {
            Model = model, Images = Path.Combine(root, "train"), Output = Path.Combine(root, "s.csv"), Maps = Path.Combine(root, "m.png"),
        }, _ => { });
        act.Should().Throw<ArgumentException>().WithMessage("--maps needs a model with anomaly maps*--representation patches*");
        File.Exists(Path.Combine(root, "m.png")).Should().BeFalse();
    }

    private static void WriteImages(string folder, IEnumerable<Cifar10Image> images) => CliImageFiles.Write(folder, images);
}
