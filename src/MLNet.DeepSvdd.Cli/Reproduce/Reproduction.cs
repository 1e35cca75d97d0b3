namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>One <c>deepsvdd reproduce</c> invocation: runs (or resumes) a table and writes its reports.</summary>
public static class Reproduction
{
    /// <summary>Where a run writes when no folder is given: <c>reproduce/table-&lt;id&gt;-&lt;profile&gt;</c> under the current folder.</summary>
    public static string DefaultOutput(string table, string profile) => Path.Combine("reproduce", $"table-{PaperTables.Normalize(table)}-{profile.ToLowerInvariant()}");

    /// <summary>
    /// Runs table <paramref name="tableId"/> with <paramref name="profileName"/> into <paramref name="outputFolder"/>, reading CIFAR-10 from
    /// <paramref name="dataPath"/> (or <c>DEEPSVDD_CIFAR10_DIR</c>), and returns the path of <c>table.md</c>.
    /// </summary>
    /// <remarks>With <paramref name="reportOnly"/>, no run is started: the reports are written from the runs already in the folder
    /// (e.g. to look at a long reproduction while it is still running, or after stopping it).</remarks>
    /// <exception cref="ArgumentException">Unknown table or profile, or seeds below 1.</exception>
    /// <exception cref="DirectoryNotFoundException">CIFAR-10 was not found.</exception>
    public static string Run(string tableId, string profileName, string? outputFolder, string? dataPath, int? seeds, Action<string> log,
        CancellationToken cancellation = default, bool reportOnly = false, string? methods = null, IReadOnlyList<int>? classes = null,
        string? columns = null)
    {
        var table = PaperTables.Get(tableId);
        var profile = ReproduceProfile.Get(profileName);
        if (methods is not null) table = table with { Methods = SelectMethods(table, methods) };
        if (columns is not null) table = table with { Columns = SelectColumns(table, columns) };
        if (classes is { Count: > 0 }) profile = profile with { OneVsAllClasses = classes };
        if (seeds is { } s)
        {
            if (s < 1) throw new ArgumentException("--seeds must be at least 1.", nameof(seeds));
            profile = profile with { Seeds = s };
        }
        string path = Commands.ImageSources.LocateCifar(dataPath);
        string folder = Files.OutputPath.CheckFolder(outputFolder ?? DefaultOutput(table.Id, profile.Name), "--out");

        var clock = Stopwatch.StartNew();
        var cifar = Cifar10Dataset.Load(path);
        var runner = new ExperimentRunner(cifar, profile, folder, log);
        int planned = runner.Plan(table).Count();
        log($"Table {table.Id}: {table.Title}");
        log($"Profile {profile.Name}: {profile.Reductions}.");
        if (table.Substitution is not null) log($"Data: {table.Substitution}");
        log($"{table.Columns.Count} column(s) × {table.Methods.Count} method(s) → {planned} runs, output in {Path.GetFullPath(folder)}");
        var results = runner.Run(table, cancellation, reportOnly);
        var counts = runner.Counts!;
        double computeSeconds = results.Values.Sum(r => r.Seconds);
        ReportWriter.WriteAll(folder, table, profile, results, cifar, TimeSpan.FromSeconds(computeSeconds), counts);
        log($"Runs: {counts.Text}");
        log($"Done in {clock.Elapsed.TotalMinutes:F1} min (compute in all runs of this folder: {computeSeconds / 60:F1} min).");
        return Path.Combine(folder, "table.md");
    }

    /// <summary>
    /// The columns of <paramref name="table"/> named in <paramref name="columns"/>: a comma-separated list of column ids (the slugs of the
    /// column headings, as in runs/*.json: "one-vs-all", "strokes-1", "block-permutation-2x2") or parts of them.
    /// </summary>
    /// <exception cref="ArgumentException">A name matches no column of the table.</exception>
    public static IReadOnlyList<ColumnSpec> SelectColumns(TableSpec table, string columns)
    {
        if (columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length == 0)
            throw new ArgumentException($"--columns '{columns}' names no column. Columns of table {table.Id}: {string.Join(", ", table.Columns.Select(c => c.Id))}.");
        return SelectByIds(table, table.Columns, c => c.Id, columns, "--columns", "column");
    }

    /// <summary>
    /// The methods of <paramref name="table"/> named in <paramref name="methods"/>: a comma-separated list of method ids (the slugs of the row
    /// headings, as in runs/*.json) or parts of them, e.g. "noise-reg,oc-svm".
    /// </summary>
    /// <exception cref="ArgumentException">A name matches no method of the table.</exception>
    public static IReadOnlyList<MethodSpec> SelectMethods(TableSpec table, string methods) =>
        SelectByIds(table, table.Methods, m => m.Id, methods, "--methods", "method");

    /// <summary>The items of <paramref name="table"/> whose id contains a name of the comma-separated <paramref name="names"/>, in the table's order.</summary>
    /// <exception cref="ArgumentException">A name matches no item; the message names <paramref name="option"/> and lists the table's ids.</exception>
    private static IReadOnlyList<T> SelectByIds<T>(TableSpec table, IReadOnlyList<T> items, Func<T, string> id, string names, string option, string noun)
    {
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in wanted)
        {
            if (!items.Any(item => id(item).Contains(name, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"{option} '{name}' matches no {noun} of table {table.Id}. Its {noun}s: {string.Join(", ", items.Select(id))}.");
        }
        return items.Where(item => wanted.Any(n => id(item).Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
    }
}
