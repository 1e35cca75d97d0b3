using MLNet.DeepSvdd.Baselines.Geo.Scoring;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Baselines.Geo;

public class GeoScoringBatchTests
{
    [Theory]
    [InlineData(32, 8)]    // 8 rows × 72 = 576 images ≤ 2²¹ / 3072 = 682
    [InlineData(64, 2)]    // ⌊2²¹ / 12 288⌋ = 170 images → 2 rows of 72
    [InlineData(224, 1)]   // 13 images allowed, but a row's 72 transformations go together
    public void A_GEO_forward_pass_takes_as_many_rows_as_the_CPU_scoring_cap_allows(int side, int expectedRows)
    {
        GeoScoringModel.RowsPerForward(3 * side * side, CPU).Should().Be(expectedRows);
    }
}
