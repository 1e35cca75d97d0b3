namespace MLNet.DeepSvdd.Tests.Scoring;

public class LookAheadBatchTests
{
    private sealed class Row
    {
        public float[] Values { get; set; } = [];
    }

    // A float[] without [VectorType] is a variable-length vector column, so rows of the wrong length can be made.
    private static IDataView View(params float[][] rows) => new MLContext(1).Data.LoadFromEnumerable(rows.Select(r => new Row { Values = r }));

    [Fact]
    public void Reads_rows_in_batches_one_after_another_and_maps_positions_to_them()
    {
        // Seven rows of two values: row i is (10i, 10i + 1); batches of three give rows 0–2, 3–5 and 6.
        var data = View([.. Enumerable.Range(0, 7).Select(i => new[] { 10f * i, 10f * i + 1 })]);
        using var batch = new LookAheadBatch(data.GetRowCursor(data.Schema), data.Schema["Values"], rowSize: 2, capacity: 3);
        batch.Contains(0).Should().BeFalse("nothing is read before the first batch");

        batch.ReadFrom(0);
        (batch.Start, batch.Count).Should().Be((0L, 3));
        batch.Values.Should().Equal(0f, 1f, 10f, 11f, 20f, 21f);
        batch.Contains(2).Should().BeTrue();
        batch.Contains(3).Should().BeFalse();
        batch.IndexOf(2).Should().Be(2);

        batch.ReadFrom(3);
        (batch.Start, batch.Count).Should().Be((3L, 3));
        batch.Values.Should().Equal(30f, 31f, 40f, 41f, 50f, 51f);
        batch.IndexOf(4).Should().Be(1);

        batch.ReadFrom(6);
        (batch.Start, batch.Count).Should().Be((6L, 1));
        batch.Values.AsSpan(0, 2).ToArray().Should().Equal(60f, 61f);
        var outside = () => batch.IndexOf(5);
        outside.Should().Throw<InvalidOperationException>().WithMessage("Row 5 is not in the current batch (rows 6 to 6).");

        var past = () => batch.ReadFrom(7);
        past.Should().Throw<InvalidOperationException>().WithMessage("*fewer rows to a second cursor*");
    }

    [Fact]
    public void A_row_of_the_wrong_length_is_refused_naming_the_row_and_the_column()
    {
        var data = View([1f, 2f], [3f, 4f], [5f]);
        using var batch = new LookAheadBatch(data.GetRowCursor(data.Schema), data.Schema["Values"], rowSize: 2, capacity: 8);
        var read = () => batch.ReadFrom(0);
        read.Should().Throw<InvalidOperationException>().WithMessage("Row 2 of feature column 'Values' has 1 values; the model expects 2.");
    }

    [Fact]
    public void A_source_that_gives_a_second_cursor_other_rows_is_reported()
    {
        var data = View([1f, 2f], [3f, 4f], [5f, 6f]);
        using var ahead = data.GetRowCursor(data.Schema);
        ahead.MoveNext().Should().BeTrue(); // the look-ahead cursor is one row ahead of the main cursor, as a reordering source would leave it
        using var batch = new LookAheadBatch(ahead, data.Schema["Values"], rowSize: 2, capacity: 2);
        var read = () => batch.ReadFrom(0);
        read.Should().Throw<InvalidOperationException>().WithMessage("*different order to two cursors*");
    }

    [Theory]
    [InlineData(0, 1, "rowSize")]
    [InlineData(1, 0, "capacity")]
    public void Sizes_below_one_are_refused(int rowSize, int capacity, string parameter)
    {
        var data = View([1f]);
        using var cursor = data.GetRowCursor(data.Schema);
        var create = () => new LookAheadBatch(cursor, data.Schema["Values"], rowSize, capacity);
        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(parameter);
    }
}
