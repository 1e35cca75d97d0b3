using MLNet.DeepSvdd.Cli.Commands;
using MLNet.DeepSvdd.Tests.Datasets;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>
/// Issue 24: <c>deepsvdd train --model</c> never replaces (or joins) what the command reads: an image under <c>--images</c> or a CIFAR-10
/// file of the data folder or archive, however the path is spelled. The refusal comes before any data is loaded, and the input is intact.
/// </summary>
public sealed class TrainModelPathTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("deepsvdd-train-model-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_model_path_that_is_an_image_under_images_is_refused_however_it_is_spelled()
    {
        string images = Path.Combine(root, "images");
        var written = CliImageFiles.Write(images, CliImageFiles.OfClass(1, 2));
        string image = written[0], name = Path.GetFileName(image);
        var before = File.ReadAllBytes(image);
        Directory.CreateSymbolicLink(Path.Combine(root, "alias"), images);

        foreach (string model in new[] { image, Path.Combine(images, "nested", "..", name), Path.Combine(root, "alias", name), Path.Combine(images, "new.png") })
        {
            var train = () => TrainCommand.Train(new TrainCommand.Settings { Images = images, Model = model, Network = DeepSvddNetwork.LeNet, Epochs = 1 }, _ => { });

            train.Should().Throw<ArgumentException>().WithMessage($"--model '{model}' is an image path inside --images '{images}' (*): the file would replace or join the images*");
        }
        File.ReadAllBytes(image).Should().Equal(before);
        Directory.GetFiles(images, "*", SearchOption.AllDirectories).Should().BeEquivalentTo(written, "nothing was written among the images");
    }

    [Fact]
    public void A_model_path_that_is_a_CIFAR10_file_it_reads_is_refused_however_it_is_spelled()
    {
        var files = Cifar10Files.Synthetic();
        string data = Cifar10Files.WriteDirectory(Path.Combine(root, "cifar"), files);
        Directory.CreateSymbolicLink(Path.Combine(root, "alias"), data);
        string archive = Cifar10Files.WriteTarGz(Path.Combine(root, "cifar-10-binary.tar.gz"), files);
        var archiveBytes = File.ReadAllBytes(archive);

        foreach (var (model, file) in new[]
        {
            (Path.Combine(data, "data_batch_1.bin"), "data_batch_1.bin"),
            (Path.Combine(root, "alias", "data_batch_1.bin"), "data_batch_1.bin"),
            (Path.Combine(data, "sub", "..", "test_batch.bin"), "test_batch.bin"),
            (Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(data, "batches.meta.txt")), "batches.meta.txt"),
        })
        {
            var train = () => TrainCommand.Train(new TrainCommand.Settings { Data = data, Model = model, Network = DeepSvddNetwork.LeNet, Epochs = 1 }, _ => { });

            train.Should().Throw<ArgumentException>().WithMessage($"--model '{model}' is the CIFAR-10 file {file} of --data '{data}' (*): writing it would replace the data*");
        }
        foreach (var (name, bytes) in files) File.ReadAllBytes(Path.Combine(data, name)).Should().Equal(bytes, name);

        string archiveAlias = Path.Combine(root, "alias", "..", "cifar-10-binary.tar.gz");
        var trainOnArchive = () => TrainCommand.Train(new TrainCommand.Settings { Data = archive, Model = archiveAlias, Network = DeepSvddNetwork.LeNet, Epochs = 1 }, _ => { });
        trainOnArchive.Should().Throw<ArgumentException>().WithMessage($"--model '{archiveAlias}' is the CIFAR-10 archive of --data '{archive}' (*)*");
        File.ReadAllBytes(archive).Should().Equal(archiveBytes);
    }
}
