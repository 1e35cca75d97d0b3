namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>
/// A cursor of a lazy batched view: it passes the input rows through from a main cursor and, when the main cursor reaches a row not yet
/// processed, reads the next batch ahead (<see cref="LookAheadBatch"/>) and lets the derived view process it in one go
/// (<see cref="Process"/>). Derived cursors serve their output columns from the processed batch at <see cref="Current"/>.
/// </summary>
internal abstract class LookAheadCursor : DataViewRowCursor
{
    private readonly HashSet<int> active;

    /// <param name="main">The cursor over the input's own columns; owned.</param>
    /// <param name="rows">The look-ahead batch, or null when no output column is requested; owned.</param>
    /// <param name="active">Indices of the requested columns of <see cref="DataViewRow.Schema"/>.</param>
    protected LookAheadCursor(DataViewRowCursor main, LookAheadBatch? rows, HashSet<int> active)
    {
        Main = main;
        this.active = active;
        Rows = rows;
    }

    /// <summary>The batch being served, null when no output column is requested.</summary>
    protected LookAheadBatch? Rows { get; }

    /// <summary>Index of the current row within <see cref="Rows"/>.</summary>
    protected int Current => (Rows ?? throw new InvalidOperationException("No output column was requested from this cursor.")).IndexOf(Main.Position);

    /// <summary>The main cursor, for the input columns' getters.</summary>
    protected DataViewRowCursor Main { get; }

    public override long Position => Main.Position;

    public override long Batch => Main.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => Main.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

    public override bool MoveNext()
    {
        if (!Main.MoveNext()) return false;
        if (Rows is not null && !Rows.Contains(Main.Position))
        {
            Rows.ReadFrom(Main.Position);
            Process(Rows);
        }
        return true;
    }

    /// <summary>Computes the outputs of the <see cref="LookAheadBatch.Count"/> rows just read into <paramref name="rows"/>.</summary>
    protected abstract void Process(LookAheadBatch rows);

    /// <summary>Throws unless <paramref name="column"/> was requested when the cursor was made.</summary>
    protected void EnsureActive(DataViewSchema.Column column)
    {
        if (!active.Contains(column.Index)) throw new InvalidOperationException($"Column '{column.Name}' was not requested from this cursor.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Main.Dispose();
            Rows?.Dispose();
        }
        base.Dispose(disposing);
    }
}
