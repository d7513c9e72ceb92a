using System.Reflection;
using GuestAgent.Testing;

namespace GuestAgent.Generators.Tests.Parsing;

/// <summary>
/// No static state that could change in the generator or its code fixes (<see cref="StaticState"/>):
/// a compiler host runs them on many compilations at once, in one process, for as long as it lives.
/// </summary>
public sealed class StaticStateTests
{
    [Theory]
    [InlineData("GuestAgent.Generators")]
    [InlineData("GuestAgent.Generators.CodeFixes")]
    public void An_assembly_holds_no_mutable_static_state(string assembly)
    {
        Assert.Empty(StaticState.Find(Assembly.Load(assembly)));
    }
}
