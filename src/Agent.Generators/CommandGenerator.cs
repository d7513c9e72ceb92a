using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators;

/// <summary>Turns <c>[Command]</c> methods into a static dispatch registry (work in progress).</summary>
[Generator(LanguageNames.CSharp)]
public sealed class CommandGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
