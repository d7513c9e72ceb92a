using System;
using System.Collections.Concurrent;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Display strings and type models already worked out in one compilation. A thousand commands
/// use a few dozen types and a hundred classes, so after an edit the transform would otherwise
/// render the same names and schemas again for every method. Lives in <see cref="KnownTypes"/>,
/// which is per compilation; what it hands out is strings and value-equal models only.
/// </summary>
internal sealed class SymbolMemo
{
    private readonly ConcurrentDictionary<DisplayKey, string> _displays = new();
    private readonly ConcurrentDictionary<ITypeSymbol, TypeModel> _types = new(SymbolEqualityComparer.IncludeNullability);

    /// <summary>The symbol's <c>ToDisplayString</c> in <paramref name="format"/>.</summary>
    public string Display(ISymbol symbol, SymbolDisplayFormat format) =>
        _displays.GetOrAdd(new DisplayKey(symbol, format), static key => key.Symbol.ToDisplayString(key.Format));

    /// <summary>The type's model, made by <paramref name="describe"/> the first time.</summary>
    public TypeModel Type(ITypeSymbol type, Func<ITypeSymbol, TypeModel> describe) => _types.GetOrAdd(type, describe);

    /// <summary>
    /// A symbol (nullable annotations included: <c>string?</c> and <c>string</c> display
    /// differently) with a format (by reference: the formats are static fields).
    /// </summary>
    private readonly struct DisplayKey(ISymbol symbol, SymbolDisplayFormat format) : IEquatable<DisplayKey>
    {
        public ISymbol Symbol { get; } = symbol;

        public SymbolDisplayFormat Format { get; } = format;

        public bool Equals(DisplayKey other) =>
            ReferenceEquals(Format, other.Format) && SymbolEqualityComparer.IncludeNullability.Equals(Symbol, other.Symbol);

        public override bool Equals(object? obj) => obj is DisplayKey other && Equals(other);

        public override int GetHashCode() =>
            (SymbolEqualityComparer.IncludeNullability.GetHashCode(Symbol) * 397) ^ System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Format);
    }
}
