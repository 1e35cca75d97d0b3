using System.Text.Json;
using MLNet.DeepSvdd.Cli.Benchmarks;
using MLNet.DeepSvdd.Cli.Commands;

namespace MLNet.DeepSvdd.Tests.Cli;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class BenchScalingTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string folder = Path.Combine(Path.GetTempPath(), "deepsvdd-scaling-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_tiny_scaling_run_writes_json_markdown_and_plots_with_a_row_per_measurement()
    {
        var settings = new BenchCommand.Settings
        {
            Scaling = true, ScalingImages = "100,200", ScalingSizes = "32", ScalingSizeImages = 100, ScalingBatchSizes = "1,64",
            ScalingScoreImages = 100, Epochs = 1, MemoryEpochs = 2, Out = folder,
        };
        settings.Validate().Successful.Should().BeTrue();
        var (result, files) = BenchCommand.Scaling(settings);

        string[] names = ["scaling.json", "scaling.md", "scaling-images.png", "scaling-size.png", "scaling-batch.png"];
        files.Select(Path.GetFileName).Should().BeEquivalentTo(names);
        foreach (var png in names.Where(n => n.EndsWith(".png")))
            File.ReadAllBytes(Path.Combine(folder, png)).Take(8).Should().Equal(PngSignature, $"{png} must be a PNG");
        PngWidth(Path.Combine(folder, "scaling-images.png")).Should().Be(1400, "time and memory panels side by side");
        PngWidth(Path.Combine(folder, "scaling-batch.png")).Should().Be(700);

        result.ByImages.Select(p => (p.Images, p.Size)).Should().Equal((100, 32), (200, 32));
        result.BySize.Select(p => (p.Images, p.Size)).Should().Equal((100, 32));
        result.ByBatchSize.Select(p => p.BatchSize).Should().Equal(1, 64);
        result.ByBatchSize.Should().OnlyContain(p => p.Images == 100 && p.ImagesPerSecond > 0 && double.IsFinite(p.ImagesPerSecond));
        result.MemoryByEpoch!.Epochs.Select(e => e.Epoch).Should().Equal(1, 2);
        result.MemoryByEpoch.Epochs.Should().OnlyContain(e => e.WorkingSetMb > 10);
        foreach (var p in result.ByImages.Concat(result.BySize))
        {
            new[] { p.EpochSeconds, p.FitSeconds, p.StepImagesPerSecond, p.FitImagesPerSecond, p.PeakWorkingSetMb }.Should().OnlyContain(v => v > 0 && double.IsFinite(v));
            p.Phases.Phases.Should().OnlyContain(x => x.Seconds >= 0);
            p.Phases.Phases.Sum(x => x.Seconds).Should().BeLessThanOrEqualTo(p.FitSeconds, "the phases are disjoint parts of the Fit");
            p.Phases.Steps.Should().BeApproximately(p.EpochSeconds, 1e-6, "with one epoch the steps are that epoch");
        }

        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "scaling.json"))))
        {
            json.RootElement.GetProperty("ByImages").GetArrayLength().Should().Be(2);
            json.RootElement.GetProperty("BySize").GetArrayLength().Should().Be(1);
            json.RootElement.GetProperty("ByBatchSize").GetArrayLength().Should().Be(2);
            json.RootElement.GetProperty("MemoryByEpoch").GetProperty("Epochs").GetArrayLength().Should().Be(2);
            json.RootElement.GetProperty("ByImages")[0].GetProperty("Phases").GetProperty("Steps").GetDouble().Should().BeGreaterThan(0);
        }

        // Markdown: images (2 rows), size (1), phases (2 + 1), scoring (2), memory (2); every row has its header's cell count.
        var tables = MarkdownTables(File.ReadAllLines(Path.Combine(folder, "scaling.md")));
        tables.Select(t => t.Rows.Count).Should().Equal(2, 1, 3, 2, 2);
        tables.Select(t => t.Header).Should().Equal(ScalingReport.FitHeaders.Length, ScalingReport.FitHeaders.Length,
            ScalingReport.PhaseHeaders.Length, ScalingReport.ScoringHeaders.Length, ScalingReport.MemoryHeaders.Length);
        foreach (var (header, rows) in tables) rows.Should().OnlyContain(cells => cells == header);
    }

    [Theory]
    [InlineData("--scaling-images", "10")]
    [InlineData("--scaling-images", "1000,x")]
    [InlineData("--scaling-sizes", "4")]
    [InlineData("--scaling-batch-sizes", "0")]
    public void Bad_scaling_options_fail_validation_naming_the_option(string option, string value)
    {
        var settings = option switch
        {
            "--scaling-images" => new BenchCommand.Settings { Scaling = true, ScalingImages = value },
            "--scaling-sizes" => new BenchCommand.Settings { Scaling = true, ScalingSizes = value },
            _ => new BenchCommand.Settings { Scaling = true, ScalingBatchSizes = value },
        }; // a bad --network is refused when the option is bound (CommandOptionsTests)
        var validation = settings.Validate();
        validation.Successful.Should().BeFalse();
        validation.Message.Should().Contain(option);
        new BenchCommand.Settings { Scaling = true, ScalingSizes = "16", Network = DeepSvddNetwork.ResNet18 }.Validate().Successful.Should().BeTrue();
        new BenchCommand.Settings { Scaling = true, ScalingSizes = "8", Network = DeepSvddNetwork.ResNet18 }.Validate().Message.Should().Contain("--scaling-sizes");
        new BenchCommand.Settings { MemoryEpochs = -1 }.Validate().Message.Should().Contain("--memory-epochs");
        new BenchCommand.Settings { Scaling = true, ScalingSizeImages = 10 }.Validate().Message.Should().Contain("--scaling-size-images");
    }

    [Fact]
    public void Epoch_memory_growth_and_slope_ignore_the_first_epoch_where_stated()
    {
        var run = new EpochMemoryRun(100, 32, [new(1, 500), new(2, 520), new(3, 522), new(4, 524)]);
        run.GrowthMb.Should().Be(24);
        run.SteadyGrowthMb.Should().Be(4);
        run.SlopeMbPerEpoch.Should().BeApproximately(2, 1e-12);
        new EpochMemoryRun(100, 32, [new(1, 500), new(2, 400)]).SlopeMbPerEpoch.Should().Be(0);
    }

    private static int PngWidth(string path)
    {
        var bytes = File.ReadAllBytes(path); // IHDR: width is the big-endian int at byte 16
        return (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
    }

    private static List<(int Header, List<int> Rows)> MarkdownTables(string[] lines)
    {
        var tables = new List<(int Header, List<int> Rows)>();
        static int Cells(string line) => line.Trim().Trim('|').Split('|').Length;
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|') || i + 1 >= lines.Length || !lines[i + 1].StartsWith("|---")) continue;
            var rows = new List<int>();
            int j = i + 2;
            for (; j < lines.Length && lines[j].StartsWith('|'); j++) rows.Add(Cells(lines[j]));
            tables.Add((Cells(lines[i]), rows));
            i = j;
        }
        return tables;
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
