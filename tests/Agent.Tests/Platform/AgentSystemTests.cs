using GuestAgent.Hosting;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

public sealed class AgentSystemTests
{
    [Fact]
    public void AddTo_registers_the_system_and_each_part()
    {
        using var root = new TemporaryDirectory();
        var system = AgentSystem.ForRoot(root.Path, TimeProvider.System);

        var services = system.AddTo(new ServiceMap());

        Assert.Same(system, services.GetService(typeof(AgentSystem)));
        Assert.Same(system.FileSystem, services.GetService(typeof(IFileSystem)));
        Assert.Same(system.Writer, services.GetService(typeof(IAtomicFileWriter)));
        Assert.Same(system.Processes, services.GetService(typeof(IProcessRunner)));
        Assert.Same(TimeProvider.System, services.GetService(typeof(TimeProvider)));
        Assert.Equal(root.Path, system.FileSystem.Root);
    }
}
