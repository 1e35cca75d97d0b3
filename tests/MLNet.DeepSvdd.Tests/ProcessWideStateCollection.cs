namespace MLNet.DeepSvdd.Tests;

/// <summary>
/// Tests that act on state shared by the whole process (for example every atomic write in progress) and must therefore not run beside
/// any other test: xunit runs this collection after the parallel ones, alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideStateCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process-wide state";
}
