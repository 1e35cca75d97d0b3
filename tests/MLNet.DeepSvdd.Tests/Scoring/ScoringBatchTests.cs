using MLNet.DeepSvdd.Scoring;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Scoring;

public class ScoringBatchTests
{
    [Theory]
    [InlineData(256, 3 * 32 * 32, 256)]     // 32 px: 2²¹ / 3072 = 682 rows allowed, the requested 256 applies
    [InlineData(256, 3 * 224 * 224, 13)]    // 224 px: ⌊2 097 152 / 150 528⌋ = 13
    [InlineData(256, 3 * 128 * 128, 42)]    // 128 px: ⌊2 097 152 / 49 152⌋ = 42
    [InlineData(8, 3 * 128 * 128, 8)]       // a smaller request is kept
    [InlineData(256, 1 << 22, 1)]           // at least one row
    public void On_the_CPU_a_scoring_batch_holds_at_most_two_to_the_21_input_values(int requested, int inputSize, int expected)
    {
        ScoringBatch.Rows(requested, inputSize, CPU).Should().Be(expected);
    }
}
