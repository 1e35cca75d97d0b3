namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>
/// The test categories (xunit traits "Category"). Untagged tests are the fast unit loop, under a minute on 2 cores after the build:
/// <c>dotnet test tests/MLNet.DeepSvdd.Tests -c Release --filter "Category!=Slow"</c>. <see cref="Slow"/> marks classes that train
/// real networks or GEO, read CIFAR-10, run whole commands or samples, or fuzz model files; CI runs everything.
/// </summary>
public static class TestCategories
{
    public const string Name = "Category";

    public const string Slow = "Slow";
}
