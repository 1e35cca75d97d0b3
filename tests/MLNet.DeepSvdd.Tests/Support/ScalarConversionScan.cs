using System.Reflection;
using System.Reflection.Emit;
using TorchSharp;

namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>
/// Reads compiled code (IL) to find where a temporary libtorch <see cref="Scalar"/> is made and handed on with nothing keeping it
/// alive (see <c>HeldScalar</c>): TorchSharp's own methods that do it, directly or through each other, and the call sites in an
/// assembly that reach one of them.
/// </summary>
public sealed class ScalarConversionScan
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private readonly Module torchSharp = typeof(Scalar).Module;
    private readonly HashSet<int> converting = [];

    /// <summary>Builds the set of TorchSharp methods that make a temporary scalar, following TorchSharp's calls to each other.</summary>
    public ScalarConversionScan()
    {
        var callers = new Dictionary<int, List<int>>();
        var queue = new Queue<int>();
        foreach (var method in AllMethods(torchSharp.Assembly))
            foreach (var callee in Callees(method))
            {
                if (IsConversion(callee) && !IsConversion(method) && converting.Add(method.MetadataToken)) queue.Enqueue(method.MetadataToken);
                if (callee.Module == torchSharp)
                {
                    if (!callers.TryGetValue(callee.MetadataToken, out var list)) callers[callee.MetadataToken] = list = [];
                    list.Add(method.MetadataToken);
                }
            }
        while (queue.Count > 0)
            foreach (int caller in callers.GetValueOrDefault(queue.Dequeue()) ?? [])
                if (converting.Add(caller)) queue.Enqueue(caller);
    }

    /// <summary>Whether a TorchSharp method makes a temporary scalar (itself or through TorchSharp methods it calls).</summary>
    public bool Converts(MethodBase method) => method.Module == torchSharp && converting.Contains(method.MetadataToken);

    /// <summary>Whether calling <paramref name="method"/> converts a .NET number to a scalar (the implicit conversion or <c>ToScalar</c>).</summary>
    public static bool IsConversion(MethodBase method) =>
        method.DeclaringType == typeof(Scalar) && method.Name == "op_Implicit" || method.DeclaringType == typeof(ScalarExtensionMethods) && method.Name == "ToScalar";

    /// <summary>
    /// Every place in <paramref name="assembly"/> that makes a scalar outside <paramref name="allowedTypes"/> (whose scalars are
    /// reviewed to be held), calls a TorchSharp method that makes a temporary one, creates a TorchSharp module whose own methods
    /// make one, or derives from such a module without overriding those methods.
    /// </summary>
    public IReadOnlyList<string> Violations(Assembly assembly, IReadOnlySet<string> allowedTypes)
    {
        var found = new List<string>();
        foreach (var type in Types(assembly))
        {
            string owner = Outermost(type).FullName!;
            if (typeof(torch.nn.Module).IsAssignableFrom(type))
                foreach (var inherited in InheritedConvertingMethods(type))
                    found.Add($"{type.FullName} inherits {Describe(inherited)}, which makes a temporary scalar");
            foreach (var method in type.GetMembers(Declared).OfType<MethodBase>())
                foreach (var callee in Callees(method))
                {
                    string site = $"{type.FullName}.{method.Name} calls {Describe(callee)}";
                    if (IsConversion(callee))
                    {
                        if (!allowedTypes.Contains(owner)) found.Add($"{site}: a scalar made outside the held ones");
                    }
                    else if (Converts(callee)) found.Add($"{site}, which makes a temporary scalar");
                    else if (!ChainsToBase(method, callee) && CreatedModule(callee) is { } module && ConvertingMethods(module).FirstOrDefault() is { } inside)
                        found.Add($"{site}, which creates a {module.Name} whose {inside.Name} makes a temporary scalar");
                }
        }
        return found;
    }

    /// <summary>
    /// The <c>forward</c> implementations of a module type (its own or inherited: the most derived one per signature, which is what a
    /// <c>Sequential</c> or a caller through the base type reaches) that make a temporary scalar.
    /// </summary>
    public IEnumerable<MethodInfo> ConvertingMethods(Type module) =>
        module.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Where(m => m.Name == "forward" && Converts(m));

    private IEnumerable<MethodInfo> InheritedConvertingMethods(Type type) => ConvertingMethods(type);

    private Type? CreatedModule(MethodBase callee)
    {
        if (callee.Module != torchSharp) return null;
        var type = callee is ConstructorInfo ? callee.DeclaringType : (callee as MethodInfo)?.ReturnType;
        return type is not null && typeof(torch.nn.Module).IsAssignableFrom(type) ? type : null;
    }

    /// <summary>A derived module's constructor calling its base's: that creates the derived type, checked on its own.</summary>
    private static bool ChainsToBase(MethodBase method, MethodBase callee) =>
        method is ConstructorInfo && callee is ConstructorInfo && method.DeclaringType!.IsSubclassOf(callee.DeclaringType!);

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static string Describe(MethodBase m) =>
        $"{m.DeclaringType?.FullName}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})";

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.Where(t => t is not null)!; }
    }

    private static IEnumerable<MethodBase> AllMethods(Assembly assembly) => Types(assembly).SelectMany(t => t.GetMembers(Declared).OfType<MethodBase>());

    /// <summary>The methods <paramref name="method"/>'s IL calls, creates with, or takes the address of.</summary>
    public static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or NotSupportedException) { yield break; }
        if (il is null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;
        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            if (op.OperandType == OperandType.InlineMethod)
            {
                MethodBase? callee = null;
                try { callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArguments, methodArguments); }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException) { }
                if (callee is not null) yield return callee;
            }
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }
}
