using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// What GA0020's check (<see cref="UnreadableTypes"/>) has already worked out in one compilation:
/// the answer for each parameter type (and GA0021's for each result type), and why each type is created with values in hand
/// (<see cref="ObjectCreation"/>), which every property of the type asks again. Without it a type
/// of a few thousand members took seconds, and again for every command that takes it. Lives in
/// <see cref="KnownTypes"/>, which is per compilation; it hands out strings only.
/// </summary>
internal sealed class ReadabilityMemo
{
    // Nullable annotations count: a message names the types as written.
    private readonly ConcurrentDictionary<ITypeSymbol, Answer> _why = new(SymbolEqualityComparer.IncludeNullability);
    private readonly ConcurrentDictionary<ITypeSymbol, Answer> _whyNotWritten = new(SymbolEqualityComparer.IncludeNullability);
    private readonly ConcurrentDictionary<INamedTypeSymbol, Answer> _parameterized = new(SymbolEqualityComparer.IncludeNullability);

    /// <summary>Why the context cannot read <paramref name="type"/>, made by <paramref name="work"/> the first time.</summary>
    public string? Why(ITypeSymbol type, Func<ITypeSymbol, string?> work) =>
        _why.GetOrAdd(type, t => new Answer(work(t))).Text;

    /// <summary>Why the context cannot write <paramref name="type"/>, made by <paramref name="work"/> the first time.</summary>
    public string? WhyNotWritten(ITypeSymbol type, Func<ITypeSymbol, string?> work) =>
        _whyNotWritten.GetOrAdd(type, t => new Answer(work(t))).Text;

    /// <summary>What makes the context create <paramref name="type"/> with values in hand, made by <paramref name="work"/> the first time.</summary>
    public string? ParameterizedBecause(INamedTypeSymbol type, Func<INamedTypeSymbol, string?> work) =>
        _parameterized.GetOrAdd(type, t => new Answer(work(t))).Text;

    /// <summary>A result that may be null, boxed so that a cached null reads as an answer.</summary>
    private sealed class Answer(string? text)
    {
        public string? Text { get; } = text;
    }
}
