namespace MLNet.DeepSvdd.Tests.Scoring;

/// <summary>
/// Issue 24 (defect 9): a single row of a convolutional model is scored as a batch of two (the row twice), because ATen sends a one-image
/// CPU convolution with a small kernel and input to NNPACK, which prints "Could not initialize NNPACK! Reason: Unsupported hardware" for
/// every such convolution on CPUs it does not support (on the project's machine the child "nnpack raw 1" prints it, "raw 2" does not). BatchNorm is
/// in evaluation mode, so a row's score does not depend on the rest of its batch.
/// </summary>
public sealed class SingleRowBatchTests
{
    [Fact]
    public void A_single_row_scores_exactly_as_it_does_in_a_batch_with_another_row()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var model = SmallDetectors.ResNet18At32(ml, random).Model.Model;
        float[] x = SmallDetectors.RandomImageRow(random), y = SmallDetectors.RandomImageRow(random);

        var alone = new float[1];
        model.Score(x, 1, alone);
        var pair = new float[2];
        model.Score([.. x, .. y], 2, pair);
        var reversed = new float[2];
        model.Score([.. y, .. x], 2, reversed);
        var longer = new float[1];
        model.Score([.. x, .. y], 1, longer); // one row of a longer buffer, as the scoring views pass it

        pair[0].Should().NotBe(pair[1], "two different rows, so the comparison below is not between equal scores");
        alone[0].Should().Be(pair[0], "the lone row goes through the same convolution backend as a batch");
        reversed[1].Should().Be(pair[0], "evaluation-mode BatchNorm: a row's score does not depend on the other row or its place");
        longer[0].Should().Be(pair[0]);
    }

    [Fact]
    [Trait(TestCategories.Name, TestCategories.Slow)] // starts processes that train a ResNet-18
    public void Scoring_single_rows_through_PredictionEngine_or_a_plain_Model_Load_prints_no_NNPACK_line()
    {
        var (rawCode, _, rawError) = NnpackChildProcess.Run("raw", "2");
        rawCode.Should().Be(0, rawError);
        rawError.Should().NotContain("NNPACK", "oneDNN takes a batch of two images");

        var scores = new List<string>();
        foreach (string path in new[] { "engine", "saved" })
        {
            var (code, output, error) = NnpackChildProcess.Run(path, "3");
            code.Should().Be(0, error);
            string scoring = error[(error.IndexOf(NnpackChildProcess.ScoringMarker, StringComparison.Ordinal) + NnpackChildProcess.ScoringMarker.Length)..];
            error.Should().Contain(NnpackChildProcess.ScoringMarker);
            scoring.Should().NotContain("NNPACK", $"{path}: each row is scored as a batch of two images");
            scores.Add(output);
        }
        scores[0].Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);
        scores[1].Should().Be(scores[0], "the PredictionEngine and the saved row-by-row mapping score the same rows alike");
    }
}
