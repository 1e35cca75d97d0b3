using MLNet.DeepSvdd.Data;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Training;

public class LoadingAndStatisticsTests
{
    [Theory]
    [InlineData(1 << 22)] // one chunk
    [InlineData(700)]     // many chunks of 2 rows (and a short last one)
    public void Chunked_statistics_equal_the_whole_tensor_float64_reference(long chunkValues)
    {
        var random = new Random(3);
        int rows = 101, groups = 3, perGroup = 256;
        var values = new float[rows * groups * perGroup];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.Next(256) + 1000 * (i / perGroup % groups));
        using var data = tensor(values, [rows, groups * perGroup]);
        var (mean, std) = InputStatistics.Compute(data, [groups, 16, 16], InputNormalization.Standardize, chunkValues);
        using (mean) using (std)
        {
            // The former formula: the whole [N, D] tensor widened to float64 and regrouped per channel.
            using var scope = NewDisposeScope();
            var grouped = data.to(ScalarType.Float64).view(rows, groups, -1).transpose(0, 1).reshape(groups, -1);
            mean.data<float>().ToArray().Should().Equal(grouped.mean([1]).to(ScalarType.Float32).data<float>().ToArray());
            std.data<float>().ToArray().Should().Equal(grouped.std(1, unbiased: false).to(ScalarType.Float32).data<float>().ToArray());
        }
    }

    [Fact]
    public void Constant_inputs_get_a_standard_deviation_of_one()
    {
        using var data = full([10, 8], 5f);
        var (mean, std) = InputStatistics.Compute(data, [2, 2, 2], InputNormalization.Standardize, chunkValues: 16);
        using (mean) using (std)
        {
            mean.data<float>().ToArray().Should().Equal([5f, 5f]);
            std.data<float>().ToArray().Should().Equal([1f, 1f]);
        }
    }

    [Fact]
    public void Loading_gives_every_row_in_order_whether_or_not_the_row_count_is_known()
    {
        var ml = new MLContext(seed: 1);
        var rows = new SyntheticData().MixedRows(2500); // more than two loader chunks of 1024 rows
        var known = SyntheticData.Load(ml, rows);
        // A filter that keeps every row hides the count, so the loader has to gather chunks.
        var unknown = ml.Data.FilterRowsByColumn(known, nameof(VectorRow.Label), lowerBound: -1, upperBound: 2);
        known.GetRowCount().Should().Be(2500);
        unknown.GetRowCount().Should().BeNull();
        var feature = FeatureColumn.Resolve(known.Schema, nameof(VectorRow.Features), null);
        var expected = rows.SelectMany(r => r.Features).ToArray();
        foreach (var view in new[] { known, unknown })
        {
            using var loaded = DataViewLoader.Load(view, feature, view.Schema[nameof(VectorRow.Label)], CPU);
            loaded.Rows.Should().Be(2500);
            loaded.Features.shape.Should().Equal([2500L, VectorRow.Size]);
            loaded.Features.data<float>().ToArray().Should().Equal(expected);
            loaded.Labels!.data<float>().ToArray().Should().Equal(rows.Select(r => r.Label));
        }
    }

    [Fact]
    public void Wide_rows_of_unknown_count_load_in_smaller_chunks_to_the_same_tensor()
    {
        var ml = new MLContext(seed: 1);
        var images = MLNet.DeepSvdd.Cli.Benchmarks.SyntheticImages.Create(ml, 700, 64, seed: 2); // 12 288 values a row: chunks of 341 rows
        var unknown = ml.Data.FilterByCustomPredicate<MLNet.DeepSvdd.Cli.Benchmarks.SyntheticImages.Row>(images, _ => false);
        unknown.GetRowCount().Should().BeNull();
        var feature = FeatureColumn.Resolve(images.Schema, "Image", null);
        using var expected = DataViewLoader.Load(images, feature, null, CPU);
        using var loaded = DataViewLoader.Load(unknown, feature, null, CPU);
        loaded.Rows.Should().Be(700);
        loaded.Features.data<float>().ToArray().SequenceEqual(expected.Features.data<float>().ToArray()).Should().BeTrue("the same rows in the same order");
        expected.Features[699, 12287].item<float>().Should().Be(ml.Data.CreateEnumerable<MLNet.DeepSvdd.Cli.Benchmarks.SyntheticImages.Row>(images, false).Last().Image[^1]);
    }

    [Fact]
    public void Loading_still_names_the_row_of_a_non_finite_value()
    {
        var ml = new MLContext(seed: 1);
        var rows = new SyntheticData().NormalRows(1500);
        rows[1200].Features[4] = float.NaN;
        var data = SyntheticData.Load(ml, rows);
        var feature = FeatureColumn.Resolve(data.Schema, nameof(VectorRow.Features), null);
        var load = () => DataViewLoader.Load(data, feature, null, CPU);
        load.Should().Throw<InvalidOperationException>().WithMessage("Row 1200 *position 4*");
    }
}
