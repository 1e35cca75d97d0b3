using MLNet.DeepSvdd.Datasets.Alterations;
using MLNet.DeepSvdd.Datasets.Protocols;

namespace MLNet.DeepSvdd.Tests.Localization;

/// <summary>The protocols' Mask column through EvaluateLocalization, with maps whose metrics are known without computing them.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public class ProtocolLocalizationTests
{
    private readonly MLContext ml = new(seed: 1);

    public sealed class MapRow
    {
        [VectorType(32, 32)]
        public float[] Mask { get; set; } = [];

        [VectorType(32, 32)]
        public float[] AnomalyMap { get; set; } = [];
    }

    [Theory]
    [InlineData("strokes")]
    [InlineData("cutpaste")]
    [InlineData("scar")]
    [InlineData("block")]
    public void The_mask_as_map_is_perfect_and_a_constant_map_is_chance_on_the_protocols_test_part(string name)
    {
        ImageAlteration alteration = name switch
        {
            "strokes" => new Strokes(1),
            "cutpaste" => new CutPaste(),
            "scar" => new CutPasteScar(),
            _ => new BlockPermutation(2),
        };
        var splits = AlterationProtocol.Create(Support.Cifar10Data.Dataset, alteration, seed: 2, new ProtocolLimits(Train: 10, Validation: 10, Test: 60));
        var masks = splits.Test.Data.GetColumn<float[]>(ProtocolColumns.Mask).ToList();

        var oracle = ml.AnomalyDetection.EvaluateLocalization(ml.Data.LoadFromEnumerable(masks.Select(m => new MapRow { Mask = m, AnomalyMap = m })));
        // Every defective pixel scores 1 and every normal one 0: the ROC curve and the PRO curve reach 1 at FPR 0 (the PRO up to the
        // rounding of its sum of 1 / region size over every defective pixel).
        oracle.PixelAreaUnderRocCurve.Should().Be(1.0);
        oracle.AreaUnderPro.Should().BeApproximately(1.0, 1e-12);
        (oracle.ImageCount, oracle.DefectiveImageCount, oracle.PixelCount).Should().Be((60, 30, 60L * 1024));
        oracle.DefectivePixelCount.Should().Be((long)masks.Sum(m => m.Count(v => v == 1)));

        var constant = ml.AnomalyDetection.EvaluateLocalization(
            ml.Data.LoadFromEnumerable(masks.Select(m => new MapRow { Mask = m, AnomalyMap = new float[1024] })));
        // One tie group: the ROC AUC is ½, and the PRO curve is the straight line from (0, 0) to (1, 1): ∫₀^0.3 x dx / 0.3 = 0.045 / 0.3.
        constant.PixelAreaUnderRocCurve.Should().Be(0.5);
        constant.AreaUnderPro.Should().BeApproximately(0.15, 1e-12);
    }
}
