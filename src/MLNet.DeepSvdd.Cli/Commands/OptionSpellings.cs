using MLNet.DeepSvdd.Selection;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// A value of an enum-valued option that is none of its spellings. Spectre.Console.Cli wraps it in a
/// <see cref="Spectre.Console.Cli.CommandRuntimeException"/> ("Failed to convert …"); <see cref="ExitCodes"/> reports this message instead,
/// which names the option and lists the accepted values, with exit code <see cref="ExitCodes.BadInput"/>.
/// </summary>
public sealed class OptionValueException(string message) : FormatException(message);

/// <summary>
/// The documented spellings of an enum-valued option, as the <see cref="TypeConverter"/> Spectre.Console.Cli binds the typed settings
/// property with (<c>[TypeConverter(typeof(…))]</c>): case-insensitive, surrounding spaces ignored; anything else, numbers included, is an
/// <see cref="OptionValueException"/> "--option 'value': expected a, b or c.".
/// </summary>
public abstract class OptionSpellings<T> : TypeConverter where T : struct, Enum
{
    private readonly (string Spelling, T Value)[] spellings;

    /// <param name="option">The option, as the error names it (e.g. "--network").</param>
    /// <param name="spellings">Every accepted spelling in lower case; the first one of each value is the one the error lists.</param>
    protected OptionSpellings(string option, params (string Spelling, T Value)[] spellings)
    {
        Option = option;
        this.spellings = spellings;
        var listed = spellings.DistinctBy(s => s.Value).Select(s => s.Spelling).ToArray();
        Expected = listed.Length == 1 ? listed[0] : $"{string.Join(", ", listed[..^1])} or {listed[^1]}";
    }

    /// <summary>The option the spellings belong to.</summary>
    public string Option { get; }

    /// <summary>The accepted values as the error lists them ("a, b or c").</summary>
    public string Expected { get; }

    /// <summary>The value <paramref name="text"/> spells, if it is one of the spellings.</summary>
    public virtual bool TryParse(string text, out T value)
    {
        string key = text.Trim();
        foreach (var (spelling, v) in spellings)
        {
            if (string.Equals(spelling, key, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The value <paramref name="text"/> spells; <see cref="OptionValueException"/> naming <paramref name="option"/> otherwise.</summary>
    public T Parse(string text, string? option = null) =>
        TryParse(text, out var value) ? value : throw new OptionValueException($"{option ?? Option} '{text}': expected {Expected}.");

    /// <summary>The values of a comma-separated list of spellings (e.g. "--networks lenet,resnet18").</summary>
    public List<T> ParseList(string list, string option) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item =>
            TryParse(item, out var value) ? value
                : throw new OptionValueException($"{option} '{item}': expected {Expected} (comma-separated).")) ];

    /// <summary>The spelling of <paramref name="value"/> that the help and the error list.</summary>
    public string Spell(T value) => spellings.First(s => EqualityComparer<T>.Default.Equals(s.Value, value)).Spelling;

    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? Parse(text) : base.ConvertFrom(context, culture, value);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is T typed ? Spell(typed) : base.ConvertTo(context, culture, value, destinationType);
}

/// <summary><c>train --network</c>: auto, mlp, lenet, resnet18 or resnet18pretrained.</summary>
public sealed class NetworkSpellings() : OptionSpellings<DeepSvddNetwork>("--network",
    ("auto", DeepSvddNetwork.Auto), ("mlp", DeepSvddNetwork.Mlp), ("lenet", DeepSvddNetwork.LeNet),
    ("resnet18", DeepSvddNetwork.ResNet18), ("resnet18pretrained", DeepSvddNetwork.ResNet18Pretrained));

/// <summary><c>bench --network</c> and <c>--networks</c>: the image networks lenet, resnet18 or resnet18pretrained.</summary>
public sealed class BenchNetworkSpellings() : OptionSpellings<DeepSvddNetwork>("--network",
    ("lenet", DeepSvddNetwork.LeNet), ("resnet18", DeepSvddNetwork.ResNet18), ("resnet18pretrained", DeepSvddNetwork.ResNet18Pretrained));

/// <summary><c>train --regularizer</c> and <c>bench --regularizers</c>: none, noise (noise injection) or variance (variance hinge).</summary>
public sealed class RegularizerSpellings() : OptionSpellings<CollapseRegularizer>("--regularizer",
    ("none", CollapseRegularizer.None), ("noise", CollapseRegularizer.NoiseInjection), ("variance", CollapseRegularizer.VarianceHinge));

/// <summary><c>train --representation</c>: auto, pooled, patches or pooled-and-patches.</summary>
public sealed class RepresentationSpellings() : OptionSpellings<DeepSvddRepresentation>("--representation",
    ("auto", DeepSvddRepresentation.Auto), ("pooled", DeepSvddRepresentation.Pooled), ("patches", DeepSvddRepresentation.Patches),
    ("pooled-and-patches", DeepSvddRepresentation.PooledAndPatches));

/// <summary><c>train --objective</c>: one-class (or oneclass) or soft-boundary (or softboundary).</summary>
public sealed class ObjectiveSpellings() : OptionSpellings<DeepSvddObjective>("--objective",
    ("one-class", DeepSvddObjective.OneClass), ("oneclass", DeepSvddObjective.OneClass),
    ("soft-boundary", DeepSvddObjective.SoftBoundary), ("softboundary", DeepSvddObjective.SoftBoundary));

/// <summary><c>train --freeze-through</c>: none, stem, layer1, layer2, layer3 or layer4 (or the stage's number, 0–5, as before).</summary>
public sealed class FreezeThroughSpellings() : OptionSpellings<BackboneStage>("--freeze-through",
    [.. Enum.GetValues<BackboneStage>().Select(s => (s.ToString().ToLowerInvariant(), s))])
{
    public override bool TryParse(string text, out BackboneStage value) =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value);
}

/// <summary><c>tune --strategy</c>: halving (or successive-halving), grid or random.</summary>
public sealed class StrategySpellings() : OptionSpellings<SearchStrategy>("--strategy",
    ("halving", SearchStrategy.SuccessiveHalving), ("successive-halving", SearchStrategy.SuccessiveHalving),
    ("grid", SearchStrategy.Grid), ("random", SearchStrategy.Random));

/// <summary><c>tune --space</c>: default, deep, shallow or paper.</summary>
public sealed class TuneSpaceSpellings() : OptionSpellings<TuneSpace>("--space",
    ("default", TuneSpace.Default), ("deep", TuneSpace.Deep), ("shallow", TuneSpace.Shallow), ("paper", TuneSpace.Paper));
