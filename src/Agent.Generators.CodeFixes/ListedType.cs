using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>A type to list on a JSON context: the symbol, and its fully qualified spelling to fall back on.</summary>
internal sealed record ListedType(ITypeSymbol Type, string FullyQualified);
