namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>File-name-safe identifiers from table headings ("D. SVDD w/ bias &amp; σ² reg." → "d-svdd-w-bias-sigma2-reg", "lr 10⁻²" → "lr-10-2").</summary>
public static class Slug
{
    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>Lower-case ASCII letters and digits, other runs of characters replaced by one '-'.</summary>
    public static string Of(string text)
    {
        var builder = new StringBuilder();
        foreach (char raw in text.Replace("σ²", "sigma2").Replace("×", "x").Replace("⁻", "-").ToLowerInvariant())
        {
            int superscript = Superscripts.IndexOf(raw);
            if (superscript >= 0)
            {
                builder.Append((char)('0' + superscript));
                continue;
            }
            char c = raw is >= 'a' and <= 'z' or >= '0' and <= '9' ? raw : '-';
            if (c == '-' && (builder.Length == 0 || builder[^1] == '-')) continue;
            builder.Append(c);
        }
        return builder.ToString().TrimEnd('-');
    }
}
