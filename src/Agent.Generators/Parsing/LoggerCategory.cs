using System.Text;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The category Microsoft's <c>Logger&lt;T&gt;</c> gives its logger, worked out from the symbol at
/// compile time instead of from <c>typeof(T)</c> at run time, so that an <c>ILogger&lt;T&gt;</c> the
/// registry makes from an <c>ILoggerFactory</c> logs under the same name as one from
/// Microsoft.Extensions.DependencyInjection: <c>T</c>'s full name, nested types joined by <c>.</c>
/// instead of <c>+</c>, generic types without their arguments or arity (<c>Ns.Box</c> for
/// <c>Ns.Box&lt;int&gt;</c>), the C# keyword for built-in types (<c>int</c>, <c>string</c>), and
/// array types as their element followed by <c>[]</c>, <c>[,]</c> per dimension.
/// </summary>
internal static class LoggerCategory
{
    /// <summary>The category, or <c>null</c> for a type that has no run-time name of its own here (a type parameter, <c>dynamic</c>, a pointer, an error).</summary>
    public static string? Of(ITypeSymbol type)
    {
        var builder = new StringBuilder();
        return Append(builder, type) ? builder.ToString() : null;
    }

    private static bool Append(StringBuilder builder, ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return AppendArray(builder, array);
            case INamedTypeSymbol named when named.TypeKind != TypeKind.Error:
                if (!named.IsGenericType && Keyword(named.SpecialType) is { } keyword)
                {
                    builder.Append(keyword);
                    return true;
                }

                AppendNamed(builder, named);
                return true;
            default:
                return false;
        }
    }

    /// <summary><c>int[,][]</c>: the innermost element, then each rank from the outermost array in.</summary>
    private static bool AppendArray(StringBuilder builder, IArrayTypeSymbol array)
    {
        ITypeSymbol element = array;
        while (element is IArrayTypeSymbol inner)
        {
            element = inner.ElementType;
        }

        if (!Append(builder, element))
        {
            return false;
        }

        for (ITypeSymbol current = array; current is IArrayTypeSymbol level; current = level.ElementType)
        {
            builder.Append('[').Append(',', level.Rank - 1).Append(']');
        }

        return true;
    }

    private static void AppendNamed(StringBuilder builder, INamedTypeSymbol type)
    {
        if (type.ContainingType is { } containing)
        {
            AppendNamed(builder, containing);
            builder.Append('.');
        }
        else
        {
            AppendNamespace(builder, type.ContainingNamespace);
        }

        // Symbol names carry no arity ("Box", not "Box`1") and no '@' escape.
        builder.Append(type.Name);
    }

    private static void AppendNamespace(StringBuilder builder, INamespaceSymbol? space)
    {
        if (space is null || space.IsGlobalNamespace)
        {
            return;
        }

        AppendNamespace(builder, space.ContainingNamespace);
        builder.Append(space.Name).Append('.');
    }

    /// <summary>The built-in types whose category is their C# keyword (the runtime's table of them).</summary>
    private static string? Keyword(SpecialType type) => type switch
    {
        SpecialType.System_Void => "void",
        SpecialType.System_Boolean => "bool",
        SpecialType.System_Byte => "byte",
        SpecialType.System_Char => "char",
        SpecialType.System_Decimal => "decimal",
        SpecialType.System_Double => "double",
        SpecialType.System_Single => "float",
        SpecialType.System_Int32 => "int",
        SpecialType.System_Int64 => "long",
        SpecialType.System_Object => "object",
        SpecialType.System_SByte => "sbyte",
        SpecialType.System_Int16 => "short",
        SpecialType.System_String => "string",
        SpecialType.System_UInt32 => "uint",
        SpecialType.System_UInt64 => "ulong",
        SpecialType.System_UInt16 => "ushort",
        _ => null,
    };
}
