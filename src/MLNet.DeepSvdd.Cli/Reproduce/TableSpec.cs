namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>One experiment of the paper (a table or Figure 2): what runs, and what the paper reported for it.</summary>
/// <param name="Id">"I" … "VI" or "fig2".</param>
/// <param name="Title">The paper's caption, shortened.</param>
/// <param name="Columns">Our columns (all on CIFAR-10: the only data set here; VOC2012 and WikiArt columns are run on CIFAR-10 instead).</param>
/// <param name="Methods">Our rows.</param>
/// <param name="Paper">The paper's own numbers, laid out as printed.</param>
/// <param name="Substitution">How our columns differ from the paper's, or null when they are the paper's.</param>
public sealed record TableSpec(string Id, string Title, IReadOnlyList<ColumnSpec> Columns, IReadOnlyList<MethodSpec> Methods,
    PaperResults Paper, string? Substitution);

/// <summary>The numbers printed in the paper for one table: row heading → one "mean±std" cell per paper column.</summary>
/// <param name="Columns">The paper's column headings.</param>
/// <param name="Rows">Row heading (with its group, "group | name", when the table has groups) → cells, in column order.</param>
/// <param name="Note">A remark on the paper's numbers, or null.</param>
public sealed record PaperResults(IReadOnlyList<string> Columns, IReadOnlyList<(string Row, string[] Cells)> Rows, string? Note = null);
