using MLNet.DeepSvdd.Cli.Commands;
using MLNet.DeepSvdd.Cli;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>One exit-code convention for every command: 0 success, 1 failure while running, 2 bad usage or bad input.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "deepsvdd-exit-" + Guid.NewGuid().ToString("N"));

    public ExitCodeTests() => Directory.CreateDirectory(root);

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Bad_usage_and_bad_input_exit_with_2_whichever_stage_finds_them()
    {
        string images = Path.Combine(root, "images");
        CliImageFiles.Write(images, CliImageFiles.OfClass(1, 4));
        string missing = Path.Combine(root, "missing.zip");
        string notAModel = Path.Combine(root, "not-a-model.zip");
        File.WriteAllText(notAModel, "not a zip file");

        // Parsing (Spectre), Validate() and the command's own checks: today -1 (255) for the first three, 2 for the others.
        Run("no-such-command").Should().Be(ExitCodes.BadInput);
        string typo = Path.Combine(root, "typo.zip");
        Run("train", "--images", images, "--model", typo, "--epoch", "1").Should().Be(ExitCodes.BadInput, "a misspelt option is refused, not ignored");
        File.Exists(typo).Should().BeFalse();
        Run("train", "--images", images, "--model", Path.Combine(root, "m.zip"), "--epochs", "0").Should().Be(ExitCodes.BadInput);
        Run("train", "--images", images, "--model", Path.Combine(root, "m.zip"), "--epochs", "ten").Should().Be(ExitCodes.BadInput);
        Run("score", "--model", missing, "--images", images).Should().Be(ExitCodes.BadInput);
        Run("reproduce", "--table", "VII").Should().Be(ExitCodes.BadInput);
        Run("score", "--model", notAModel, "--images", images, "--out", Path.Combine(root, "s.csv")).Should().Be(ExitCodes.BadInput);
        Run("evaluate", "--model", notAModel, "--data", Path.Combine(root, "no-cifar")).Should().Be(ExitCodes.BadInput);
        File.Exists(Path.Combine(root, "s.csv")).Should().BeFalse();
        Run("reproduce", "--table", "III", "--profile", "smoke", "--data", Path.Combine(root, "no-cifar"), "--out", Path.Combine(root, "r")).Should().Be(ExitCodes.BadInput);
        Run("reproduce", "--table", "III", "--profile", "smoke", "--data", Cifar10Data.Directory, "--out", notAModel).Should().Be(ExitCodes.BadInput, "--out is a file");
        File.ReadAllText(notAModel).Should().Be("not a zip file");
    }

    [Fact]
    public void A_training_that_fails_while_running_exits_with_1_and_saves_nothing()
    {
        // Identical images: every feature is the centre, the trainer detects the collapse and refuses to return the model.
        string images = Path.Combine(root, "same");
        var image = CliImageFiles.OfClass(1, 1).Single();
        CliImageFiles.Write(images, Enumerable.Repeat(image, 12));
        string model = Path.Combine(root, "collapsed.zip");

        Run("train", "--images", images, "--model", model, "--network", "lenet", "--epochs", "1", "--regularizer", "none").Should().Be(ExitCodes.Failure);
        File.Exists(model).Should().BeFalse();
    }

    [Fact]
    public void Exceptions_map_to_the_convention_and_ml_net_wrappers_are_looked_through()
    {
        ExitCodes.Of(new IOException("No space left on device")).Should().Be(ExitCodes.Failure);
        ExitCodes.Of(new OperationCanceledException()).Should().Be(ExitCodes.Failure);
        ExitCodes.Of(new InvalidOperationException("unexpected")).Should().Be(ExitCodes.Failure);
        ExitCodes.Of(new ArgumentException("--epochs must be ≥ 1.")).Should().Be(ExitCodes.BadInput);
        ExitCodes.Of(new FileNotFoundException("x")).Should().Be(ExitCodes.BadInput);

        var cause = new InvalidDataException("'a.png': truncated");
        var wrapped = new InvalidOperationException("Splitter/consolidator worker encountered exception while consuming source data", cause);
        ExitCodes.Unwrap(new AggregateException(wrapped)).Should().BeSameAs(cause);
        ExitCodes.Of(wrapped).Should().Be(ExitCodes.BadInput);
        ExitCodes.Of(new InvalidOperationException("other", cause)).Should().Be(ExitCodes.Failure, "only ML.NET's row-reading wrapper is looked through");
    }

    private static int Run(params string[] args) => CliApp.Create().Run(args);
}
