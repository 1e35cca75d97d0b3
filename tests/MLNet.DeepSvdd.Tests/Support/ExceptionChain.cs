namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>
/// Finds an exception of a type in an exception and its inner exceptions: ML.NET wraps exceptions thrown while a row is mapped (e.g. in
/// "Splitter/consolidator worker encountered exception"), so a test of the row path looks for the library's own exception inside.
/// </summary>
public static class ExceptionChain
{
    /// <summary>The innermost exception of type <typeparamref name="T"/> in <paramref name="e"/> and its inner exceptions, or null.</summary>
    public static T? Find<T>(Exception? e) where T : Exception
    {
        T? found = null;
        for (; e is not null; e = e.InnerException)
        {
            if (e is T match) found = match;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find<T>(inner) is { } nested) return nested;
                }
            }
        }
        return found;
    }

    /// <summary>Runs <paramref name="action"/> and returns the innermost exception of type <typeparamref name="T"/> it threw; null when it threw none.</summary>
    public static T? Catch<T>(Action action) where T : Exception
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return Find<T>(e) ?? throw new Xunit.Sdk.XunitException($"Expected {typeof(T).Name} in the exception chain, got: {e}");
        }
    }

    /// <summary>The messages of every exception of type <typeparamref name="T"/> that <paramref name="action"/> threw, outermost first.</summary>
    public static List<string> CatchMessages<T>(Action action) where T : Exception
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            var messages = new List<string>();
            for (var current = e; current is not null; current = current.InnerException)
            {
                if (current is T) messages.Add(current.Message);
            }
            return messages.Count > 0 ? messages : throw new Xunit.Sdk.XunitException($"Expected {typeof(T).Name} in the exception chain, got: {e}");
        }
        return [];
    }
}
