using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published agent as a client of the real C xenstored 4.17 (<see cref="CXenstored"/>, run without
/// Xen under scripts/c-xenstored/shim.c): <c>guest-agent run</c> on a Ubuntu-like root, connected as
/// guest 7 through the ring proxy (its quotas and permissions as C applies them to a guest's ring), or
/// to C's own socket as dom0; Nova's side as dom0 on C's socket (<see cref="Host"/>).
/// Disposing kills the agent, then C xenstored and its proxy.
/// </summary>
internal sealed class AgentOnCXenstored : IAsyncDisposable
{
    public const string Home = "/local/domain/7";

    private readonly TemporaryDirectory _directory = new("gacxsagent-");
    private int _notifySockets;

    private AgentOnCXenstored(CXenstored xenStore)
    {
        XenStore = xenStore;
        Root = _directory.Combine("root");
        DemoGuest.CreateRoot(Root);
    }

    public CXenstored XenStore { get; }

    public string Root { get; }

    public DaemonProcess? Agent { get; private set; }

    /// <summary>The <c>xenstore-*</c> tools as dom0 on C xenstored's socket, as Nova's plugin runs them.</summary>
    public XenStoreTools Host => new(XenStore.Dom0Socket);

    /// <summary>Starts C xenstored (default quotas unless <paramref name="options"/> say otherwise); skips or fails when a tool is missing.</summary>
    public static async Task<AgentOnCXenstored> StartAsync(params string[] options)
    {
        DaemonBinary.Require();
        var xenStore = await CXenstored.StartWithDeviceAsync(options);
        try
        {
            xenStore.Require();
        }
        catch
        {
            await xenStore.DisposeAsync();
            throw;
        }

        return new AgentOnCXenstored(xenStore);
    }

    /// <summary>Starts <c>guest-agent run</c> as guest 7, through the ring proxy, serving its own home (no <c>--domain-path</c>, as on a guest); waits for READY=1.</summary>
    public Task StartGuestAgentAsync() => StartAgentAsync(["--xenstore", XenStore.GuestSocket]);

    /// <summary>Starts <c>guest-agent run</c> on C xenstored's own socket (a privileged connection), serving <see cref="Home"/>; waits for READY=1.</summary>
    public Task StartDom0AgentAsync() => StartAgentAsync(["--xenstore", XenStore.Dom0Socket, "--domain-path", Home]);

    /// <summary>A file under the agent's root, by its path inside the guest.</summary>
    public string GuestFile(string guestPath) => Path.Combine(Root, guestPath.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        if (Agent is not null)
        {
            await Agent.DisposeAsync();
        }

        await XenStore.DisposeAsync();
        _directory.Dispose();
    }

    private async Task StartAgentAsync(string[] endpoint)
    {
        var config = _directory.Combine("agent.json");
        await File.WriteAllTextAsync(config, "{}");
        using var notify = new NotifySocket(_directory.Combine($"notify-{++_notifySockets}"));
        Agent = DaemonProcess.Start(["run", .. endpoint, "--root", Root, "--config", config], new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path });
        await notify.WaitForAsync("READY=1", Agent);
    }
}
