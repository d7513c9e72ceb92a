using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>A type to list on a JSON context.</summary>
/// <param name="Type">The type, bound in the fixed project's compilation.</param>
/// <param name="FullyQualified">Its <c>global::</c> spelling, which binds anywhere: the last resort.</param>
/// <param name="Preferred">The spelling the diagnostic's message shows, used where it binds to <paramref name="Type"/>.</param>
internal sealed record ListedType(ITypeSymbol Type, string FullyQualified, string? Preferred);
