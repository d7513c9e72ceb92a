using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The types the context's options' <c>Converters</c> (other than the string enum ones) read themselves. A
/// <c>JsonConverter&lt;T&gt;</c> reads exactly <c>T</c>, as its <c>CanConvert</c> compares the type, and a
/// <c>Nullable&lt;T&gt;</c> of a struct <c>T</c> through it; one that overrides <c>CanConvert</c>, or a factory,
/// may read any type, which cannot be known before it runs.
/// </summary>
internal sealed class OptionConverters
{
    /// <summary>No converter among the options.</summary>
    public static readonly OptionConverters None = new(ImmutableArray<(INamedTypeSymbol, ITypeSymbol)>.Empty, anyType: false);

    // Each converter with the one type it reads, in the options' order (the first that can convert a type reads it).
    private readonly ImmutableArray<(INamedTypeSymbol Converter, ITypeSymbol Type)> _read;

    private OptionConverters(ImmutableArray<(INamedTypeSymbol, ITypeSymbol)> read, bool anyType)
    {
        _read = read;
        AnyType = anyType;
    }

    /// <summary>Whether a converter may read types it does not name (a factory, or an override of <c>CanConvert</c>).</summary>
    public bool AnyType { get; }

    /// <summary>The converters of an options' <c>Converters</c> array, the string enum ones left out by the caller.</summary>
    /// <param name="converters">The converter types.</param>
    /// <param name="known">The compilation's well-known types.</param>
    public static OptionConverters Of(IEnumerable<INamedTypeSymbol> converters, KnownTypes known)
    {
        var read = ImmutableArray.CreateBuilder<(INamedTypeSymbol, ITypeSymbol)>();
        var anyType = false;
        foreach (var converter in converters)
        {
            if (ReadsOnly(converter, known) is { } type)
            {
                read.Add((converter, type));
            }
            else
            {
                anyType = true;
            }
        }

        return new OptionConverters(read.ToImmutable(), anyType);
    }

    /// <summary>Whether a converter among them may read <paramref name="type"/> (or the struct of a <c>Nullable&lt;T&gt;</c> one).</summary>
    public bool MayRead(ITypeSymbol type) => AnyType || Reading(type) is not null;

    /// <summary>
    /// The first <c>JsonConverter&lt;T&gt;</c> among them of <paramref name="type"/> (or of the struct of a
    /// <c>Nullable&lt;T&gt;</c> one), which System.Text.Json reads it with, or null; a converter that may read
    /// any type is not known to be that one (see <see cref="AnyType"/>).
    /// </summary>
    public INamedTypeSymbol? Reading(ITypeSymbol type)
    {
        var inner = TypeClassifier.UnwrapNullable(type);
        return _read.FirstOrDefault(read => Same(read.Type, type) || Same(read.Type, inner)).Converter;
    }

    private static bool Same(ITypeSymbol a, ITypeSymbol b) =>
        SymbolEqualityComparer.Default.Equals(a.WithNullableAnnotation(NullableAnnotation.NotAnnotated), b.WithNullableAnnotation(NullableAnnotation.NotAnnotated));

    /// <summary>The <c>T</c> of the <c>JsonConverter&lt;T&gt;</c> a converter derives from, when nothing on the way overrides <c>CanConvert</c>.</summary>
    private static ITypeSymbol? ReadsOnly(INamedTypeSymbol converter, KnownTypes known)
    {
        for (var current = converter; current is not null; current = current.BaseType)
        {
            if (known.Is(current, known.JsonConverterOfT))
            {
                return current.TypeArguments[0];
            }

            if (current.GetMembers("CanConvert").Any(member => member is IMethodSymbol { IsOverride: true }))
            {
                return null;
            }
        }

        return null;
    }
}
