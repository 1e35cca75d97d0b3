using System.ComponentModel;
using System.Reflection;
using MLNet.DeepSvdd.Cli.Commands;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary>
/// Issue 26 (defaults once): <c>deepsvdd train</c> with no options trains with the library's defaults, except where the command documents
/// its own: <see cref="TrainCommand.Settings.DefaultEpochs"/>, the pixel column it writes and seed 1 (which also seeds its split).
/// </summary>
public class TrainDefaultsTests
{
    [Fact]
    public void Train_without_options_builds_the_library_default_options_but_the_documented_epochs_pixel_column_and_seed()
    {
        var cli = new TrainCommand.Settings { Model = "m.zip" }.ToOptions();
        var library = new DeepSvddTrainer.Options();
        var differences = typeof(DeepSvddTrainer.Options).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Where(p => !Same(p.GetValue(cli), p.GetValue(library)))
            .Select(p => p.Name)
            .ToList();

        // Documented: 10 epochs (--epochs), the pixel column the command writes, and --seed 1 (it also seeds the split and the alterations).
        differences.Should().BeEquivalentTo(
            [nameof(DeepSvddTrainer.Options.Epochs), nameof(DeepSvddTrainer.Options.FeatureColumnName), nameof(DeepSvddTrainer.Options.Seed)]);
        cli.Seed.Should().Be(1);
        library.Seed.Should().BeNull();
        cli.Epochs.Should().Be(10);
        library.Epochs.Should().Be(30);
    }

    [Fact]
    public void The_help_shows_the_defaults_the_command_uses()
    {
        // The [DefaultValue] that --help prints must be the value a Settings object starts with, for every option that declares one.
        var settings = new TrainCommand.Settings();
        foreach (var property in typeof(TrainCommand.Settings).GetProperties())
        {
            if (property.GetCustomAttribute<DefaultValueAttribute>() is not { } shown || shown.Value is string) continue;
            property.GetValue(settings).Should().Be(shown.Value, property.Name);
        }
    }

    private static bool Same(object? a, object? b) => a switch
    {
        null => b is null,
        System.Collections.IEnumerable x when a is not string && b is System.Collections.IEnumerable y => x.Cast<object?>().SequenceEqual(y.Cast<object?>()),
        _ => a.Equals(b),
    };
}
