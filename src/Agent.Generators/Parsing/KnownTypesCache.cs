using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// One <see cref="KnownTypes"/> per compilation for the generator's transform. Roslyn calls the
/// transform once per <c>[Command]</c> method on every new compilation, and resolving the known
/// types (<c>GetTypeByMetadataName</c> walks every referenced assembly) was a fifth of its time
/// when done per method. The table is weak in the compilation, so old compilations are not rooted,
/// and nothing from it enters a pipeline value.
/// </summary>
internal sealed class KnownTypesCache
{
    private readonly ConditionalWeakTable<Compilation, KnownTypes> _byCompilation = new();

    public KnownTypes For(Compilation compilation) =>
        _byCompilation.GetValue(compilation, static c => KnownTypes.Create(c));
}
