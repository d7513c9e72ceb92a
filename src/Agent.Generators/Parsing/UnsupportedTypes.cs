using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Types that have no JSON form the registry can use, and why (GA0007, GA0008). Listing such a
/// type on the JSON context would compile but fail, or lose data, at run time, so GA0009's advice
/// must never be given for them.
/// </summary>
internal static class UnsupportedTypes
{
    private const string UseJsonElement = "it says nothing about the JSON it stands for; use JsonElement for any JSON value, or a specific type";

    private const string NativeSized = "a native-sized integer has no portable JSON form; use int or long";

    /// <summary>Why <paramref name="type"/> cannot be a parameter or result type, or <c>null</c> when it can.</summary>
    public static string? Why(ITypeSymbol type, KnownTypes known)
    {
        var inner = TypeClassifier.UnwrapNullable(type);
        return inner.TypeKind switch
        {
            TypeKind.Dynamic => UseJsonElement,
            TypeKind.TypeParameter => "a type parameter is not known when the registry is generated",
            TypeKind.Error => "the type could not be resolved",
            _ => inner.SpecialType switch
            {
                SpecialType.System_Object => UseJsonElement,
                SpecialType.System_Void => "void is not a value",
                SpecialType.System_IntPtr or SpecialType.System_UIntPtr => NativeSized,
                _ => WhyTopLevel(inner, known) ?? WhyAnywhere(inner, known)
                    ?? (ExternAliases.Hidden(inner, known.Compilation) is { } hidden ? ExternAliases.Reason(hidden) : null),
            },
        };
    }

    /// <summary>
    /// Why the context throws <c>NotSupportedException</c> for a value of <paramref name="member"/> it reads as a member of
    /// a complex type (or an item of one), or null: the types System.Text.Json's unsupported-type converter takes (a
    /// native-sized integer, a reflection object, a delegate) and a multi-dimensional array. Its source generator compiles
    /// such a member without a word, and only a request that sends a value for it fails (GA0020).
    /// </summary>
    public static string? RefusedAsMember(ITypeSymbol member) =>
        IsNativeSized(member) ? NativeSized
        : member.TypeKind == TypeKind.Delegate ? NoDelegate
        : IsReflection(member) ? Reflection
        : member is IArrayTypeSymbol { IsSZArray: false } ? MultiDimensional
        : null;

    private const string NoDelegate = "a delegate has no JSON form";

    private const string Reflection = "System.Text.Json reads and writes no Type or other reflection object (it throws NotSupportedException); take a name as a string";

    private const string MultiDimensional = "System.Text.Json reads and writes no multi-dimensional array; use a jagged array (T[][]) or a list of lists";

    /// <summary>Types that are only refused as the parameter or result type itself.</summary>
    private static string? WhyTopLevel(ITypeSymbol type, KnownTypes known)
    {
        if (type.IsRefLikeType)
        {
            return "a ref struct (such as Span<T>) cannot be serialized; use an array or a string";
        }

        if (known.Is(type, known.Task) || known.Is(type, known.TaskOfT) || known.Is(type, known.ValueTask) || known.Is(type, known.ValueTaskOfT))
        {
            return "a task is not a value; only the return type may be a Task or ValueTask, and only of a value";
        }

        if (known.Is(type, known.CancellationToken) || known.Is(type, known.CommandContext))
        {
            return "the host supplies it only to a parameter of exactly that type";
        }

        if (ServiceTypes.IsSession(type))
        {
            return "it is the session of the request's peer, which the host gives with each request: take a CommandContext parameter and use its Session";
        }

        if (ServiceTypes.Is(type, known))
        {
            return "it is a service, not a value a request can carry: take it in the constructor of the command's class "
                + "(an instance command), which the registry gives it from its IServiceProvider, or ask CommandContext.Services for it";
        }

        return ContainsTypeParameter(type) ? "a type parameter is not known when the registry is generated" : null;
    }

    /// <summary>
    /// A type refused also inside another one (an array element, a type argument, at any depth),
    /// where System.Text.Json fails on it just the same; the message names the innermost one.
    /// </summary>
    private static string? WhyAnywhere(ITypeSymbol type, KnownTypes known) =>
        Offender(type, known) is not { } offender ? null
            : ReferenceEquals(offender.Type, type) ? offender.Reason
            : $"'{offender.Type.ToDisplayString(Names.InMessage)}' inside it: {offender.Reason}";

    /// <param name="type">The type looked at.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    /// <param name="converted">Whether a converter of the options reads the type or one it sits in: the type is then that converter's.</param>
    private static (ITypeSymbol Type, string Reason)? Offender(ITypeSymbol type, KnownTypes known, bool converted = false)
    {
        converted |= known.OptionConverters.MayRead(type);
        if (OwnReason(type, known, converted) is { } reason)
        {
            return (type, reason);
        }

        var parts = type switch
        {
            IArrayTypeSymbol array => new[] { array.ElementType },
            INamedTypeSymbol named => named.TypeArguments.ToArray(),
            _ => [],
        };
        return parts.Select(p => Offender(TypeClassifier.UnwrapNullable(p), known, converted)).FirstOrDefault(o => o is not null);
    }

    /// <summary>
    /// Why System.Text.Json cannot read or write <paramref name="type"/> itself. But for pointers and delegates, nothing is
    /// refused that a converter of the options reads (<paramref name="converted"/>): it comes before System.Text.Json's own
    /// handling, which is what these reasons describe (probed on .NET 10: a <c>JsonConverter&lt;T&gt;</c> of a value tuple,
    /// a <c>Type</c>, a stream, a multi-dimensional array or an <c>IAsyncEnumerable&lt;T&gt;</c> reads and writes it).
    /// </summary>
    private static string? OwnReason(ITypeSymbol type, KnownTypes known, bool converted) =>
        type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer ? "a pointer has no JSON form"
        : type.TypeKind == TypeKind.Delegate ? NoDelegate
        : converted ? null
        // System.Text.Json's own refusals (its UnsupportedTypeConverterFactory), at any depth, an item of a collection too: a
        // native-sized integer has no portable form, and a type cannot be trusted from a request.
        : IsNativeSized(type) ? NativeSized
        : IsReflection(type) ? Reflection
        // The context compiles for int[,] and throws NotSupportedException on each read and write.
        : type is IArrayTypeSymbol { IsSZArray: false } ? MultiDimensional
        : IsStream(type, known) ? "a stream has no JSON form; take a string or a byte[] (base64) instead"
        : IsAsyncEnumerable(type, known) ? "System.Text.Json writes IAsyncEnumerable<T> only asynchronously into a Stream and never reads it into a response; use T[] or List<T>"
        : IsValueTuple(type) ? (known.IncludeFields ? TupleNamesLost : TupleFieldsSkipped)
        : DictionaryKeys.UnsupportedKey(type, known) is not { } unsupported ? null
        : unsupported.Key.SpecialType == SpecialType.System_Object
            ? "System.Text.Json reads no object key (it throws NotSupportedException) and writes one only when the key's run-time type is in the JSON context; key it by a string"
        : unsupported.Converter is not null
            ? $"System.Text.Json writes a dictionary as a JSON object, and '{unsupported.Converter.ToDisplayString(Names.InMessage)}', the converter of its key type '{unsupported.Key.ToDisplayString(Names.InMessage)}', overrides neither ReadAsPropertyName nor WriteAsPropertyName (so it throws NotSupportedException); override them, or key it by a string, a number, an enum or a Guid"
        : $"System.Text.Json writes a dictionary as a JSON object and has no property name for a key of type '{unsupported.Key.ToDisplayString(Names.InMessage)}' (it throws NotSupportedException); key it by a string, a number, an enum or a Guid";

    // Refused under IncludeFields too: the elements would go on the wire as Item1, Item2 … (as
    // the context writes them), a contract that says nothing of what they are.
    private const string TupleFieldsSkipped =
        "System.Text.Json writes a value tuple as {} and reads nothing into it: its elements are fields (Item1, Item2 …), skipped unless IncludeFields is set; use a record";

    private const string TupleNamesLost =
        "System.Text.Json writes a value tuple's elements as Item1, Item2 …, never by their names, so its JSON would not say what they are; use a record";

    private static bool IsNativeSized(ITypeSymbol type) => type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr;

    private static bool IsStream(ITypeSymbol type, KnownTypes known)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (known.Is(current, known.Stream))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsReflection(ITypeSymbol type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (Names.IsNamed(current, "System.Reflection.MemberInfo") || Names.IsNamed(current, "System.Runtime.Serialization.SerializationInfo"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAsyncEnumerable(ITypeSymbol type, KnownTypes known) =>
        known.Is(type, known.AsyncEnumerableOfT) || type.AllInterfaces.Any(i => known.Is(i, known.AsyncEnumerableOfT));

    private static bool IsValueTuple(ITypeSymbol type) =>
        type.IsTupleType
        || (type is INamedTypeSymbol { Name: "ValueTuple", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } });

    /// <summary>Whether a type parameter appears in the type (<c>T</c>, <c>T[]</c>, <c>List&lt;T&gt;</c>).</summary>
    public static bool ContainsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsTypeParameter),
        _ => false,
    };
}
