namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// Where CIFAR-10 is when no path is given: the path in <see cref="Cifar10Dataset.EnvironmentVariable"/>, or none. The library makes no
/// guess from folder layouts; applications pass a path or set the variable.
/// </summary>
internal static class Cifar10Location
{
    public static string? Find() => Find(Environment.GetEnvironmentVariable(Cifar10Dataset.EnvironmentVariable));

    /// <param name="environmentValue">The value of the environment variable; when set (non-blank) it is the answer, existing or not.</param>
    public static string? Find(string? environmentValue) => string.IsNullOrWhiteSpace(environmentValue) ? null : environmentValue.Trim();
}
