using System.Buffers.Binary;
using System.Text.Json;
using MLNet.DeepSvdd.Cli.Reproduce;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>
/// <c>reproduce</c> with the patch-level method: pixel ROC AUC and PRO per run in the alteration column (runs/, results.json, table.md),
/// none in one-vs-all, and the map grid <c>maps-&lt;column&gt;.png</c>, redrawn identically from the stored runs.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class ReproduceMapsTests
{
    [Fact]
    public void Smoke_run_of_the_patch_method_stores_pixel_metrics_for_the_alteration_column_and_draws_its_map_grid()
    {
        string folder = Path.Combine(Path.GetTempPath(), "deepsvdd-repro-maps-" + Guid.NewGuid().ToString("N"));
        try
        {
            var log = new List<string>();
            string tablePath = Reproduction.Run("III", "smoke", folder, Cifar10Data.Directory, seeds: null, log.Add, methods: "patch-level");

            var strokes = RunStore.Read(Directory.GetFiles(Path.Combine(folder, "runs"), "strokes-1__patch-level-d-svdd-w-noise-reg__*.json").Single());
            strokes.PixelAuc.Should().BeInRange(0, 1);
            strokes.Pro.Should().BeInRange(0, 1);
            strokes.MapExamples!.Images.Should().HaveCount(MapExamples.Count);
            strokes.MapExamples.Maps.Should().OnlyContain(m => m.Length == 32 * 32);
            strokes.MapExamples.Images.Should().OnlyContain(i => i.Length == 3 * 32 * 32);
            var oneVsAll = RunStore.Read(Directory.GetFiles(Path.Combine(folder, "runs"), "one-vs-all__patch-level-d-svdd-w-noise-reg__*.json").Single());
            oneVsAll.PixelAuc.Should().Be(double.NaN, "one-vs-all has no defect masks");

            using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json"))))
            {
                var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("Column").GetString()!);
                runs["strokes-1"].GetProperty("pixelAuc").GetDouble().Should().Be(strokes.PixelAuc);
                runs["strokes-1"].GetProperty("pro").GetDouble().Should().Be(strokes.Pro);
                runs["one-vs-all"].GetProperty("pixelAuc").ValueKind.Should().Be(JsonValueKind.Null);
                var cell = json.RootElement.GetProperty("localizationCells").EnumerateArray().Should().ContainSingle().Subject;
                cell.GetProperty("Column").GetString().Should().Be("strokes-1");
                cell.GetProperty("pixelAuc").GetProperty("Mean").GetDouble().Should().BeApproximately(100 * strokes.PixelAuc, 1e-9);
                cell.GetProperty("pro").GetProperty("Mean").GetDouble().Should().BeApproximately(100 * strokes.Pro, 1e-9);
            }
            string table = File.ReadAllText(tablePath);
            table.Should().Contain("pixel ROC AUC / AUPRO").And.Contain("| Models | Strokes 1 |")
                .And.Contain($"| Patch-level D. SVDD w/ noise reg. | {100 * strokes.PixelAuc:F1}±0.0 / {100 * strokes.Pro:F1}±0.0 |")
                .And.Contain("`maps-<column>.png`");

            string grid = Path.Combine(folder, "maps-strokes-1.png");
            var png = File.ReadAllBytes(grid);
            png.Take(8).Should().Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 });
            // Image, heat map and mask of 32 px × scale 3 with 2 px gaps, one row per kept anomaly: 3·98 + 2 by 6·98 + 2.
            BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)).Should().Be(296);
            BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)).Should().Be(MapExamples.Count * 98 + 2);

            // From the stored runs alone (--report-only), the same grid and numbers.
            File.Delete(grid);
            Reproduction.Run("III", "smoke", folder, Cifar10Data.Directory, seeds: null, _ => { }, reportOnly: true, methods: "patch-level");
            File.ReadAllBytes(grid).Should().Equal(png);
            File.ReadAllText(tablePath).Should().Contain($"{100 * strokes.PixelAuc:F1}±0.0 / {100 * strokes.Pro:F1}±0.0");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
