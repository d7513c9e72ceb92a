using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The netplan renderer run for rackspace's fixture (eth0 bc:76:4e:20:6c:5a, eth1 bc:76:4e:20:6c:5b) with cloud-init's file as the only
/// other netplan file (or the files given): how the tests of another file's reading see what a reset does to it.
/// </summary>
internal static class RackspaceNetplan
{
    public const string CloudInit = "/etc/netplan/50-cloud-init.yaml";

    public static RenderResult Render(string yaml) => Render(new Dictionary<string, string> { [CloudInit] = yaml });

    /// <summary>The renderer run with these netplan files (by absolute path) as the only other ones.</summary>
    public static RenderResult Render(Dictionary<string, string> files) =>
        new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), new InMemoryFileView(files));
}
