using System.Reflection;
using GuestAgent.Commands;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// No static state that could change after start in the SDK, the built-in commands or the daemon
/// (<see cref="StaticState"/>): every static field is <c>readonly</c> and holds no collection with
/// methods that change it, so no request, test or thread can leave a value behind for the next. The
/// one exception is the generated command registry (named by the assembly's
/// <see cref="CommandRegistryAttribute"/>), which builds its descriptors once, on first use.
/// </summary>
public sealed class StaticStateTests
{
    [Theory]
    [InlineData("GuestAgent")]
    [InlineData("GuestAgent.Commands")]
    [InlineData("guest-agent")]
    public void An_assembly_holds_no_mutable_static_state(string name)
    {
        var assembly = Assembly.Load(name);
        var registries = assembly.GetCustomAttributes<CommandRegistryAttribute>().Select(a => a.RegistryType).ToHashSet();

        Assert.Equal([], StaticState.Find(assembly, registries.Contains));
    }
}
