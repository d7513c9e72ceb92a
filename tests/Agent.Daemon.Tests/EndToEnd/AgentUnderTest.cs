using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published binary as Nova and an operator meet it: <c>guest-agent xenstored --guest-domid 5</c>
/// in one process, <c>guest-agent run --root … --domain-path /local/domain/5</c> in another (started
/// with a notification socket, so the test waits for READY=1 as systemd does), a Ubuntu-like root,
/// and the real <c>xenstore-*</c> tools pointed at the socket.
/// </summary>
internal sealed class AgentUnderTest : IAsyncDisposable
{
    public const int DomainId = 5;
    public const string Home = "/local/domain/5";

    private readonly TemporaryDirectory _directory = new("guest-agent-e2e-");
    private DaemonProcess? _xenstored;
    private int _notifySockets;

    private AgentUnderTest()
    {
        Root = _directory.Combine("root");
        DemoGuest.CreateRoot(Root);
    }

    public string Socket => _directory.Combine("xs.sock");

    public string Root { get; }

    public DaemonProcess? Agent { get; private set; }

    public XenStoreTools Tools => new(Socket);

    /// <summary>Starts XenStore and (unless told not to) the agent; returns once both are ready.</summary>
    public static async Task<AgentUnderTest> StartAsync(bool startAgent = true)
    {
        var test = new AgentUnderTest();
        try
        {
            using var notify = test.NewNotifySocket();
            test._xenstored = DaemonProcess.Start(["xenstored", "--socket", test.Socket, "--guest-domid", DomainId.ToString(System.Globalization.CultureInfo.InvariantCulture)], Environment(notify));
            await notify.WaitForAsync("READY=1", test._xenstored);
            if (startAgent)
            {
                await test.StartAgentAsync();
            }

            return test;
        }
        catch
        {
            await test.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <c>guest-agent run</c> (with <paramref name="extraArguments"/>) and waits for READY=1; returns what it notified.</summary>
    public Task<string> StartAgentAsync(params string[] extraArguments) => StartAgentWithRedirectionsAsync("", extraArguments);

    /// <summary>
    /// As <see cref="StartAgentAsync"/>, with <paramref name="environment"/> added to the agent's
    /// environment (a unit's <c>Environment=</c>: <c>SSL_CERT_FILE</c> naming a private CA).
    /// </summary>
    public async Task<string> StartAgentWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
    {
        using var notify = NewNotifySocket();
        return await notify.WaitForAsync("READY=1", LaunchAgent("", Home, extraArguments, notify, environment));
    }

    /// <summary>As <see cref="StartAgentAsync"/>, serving <paramref name="domainPath"/> instead of <see cref="Home"/>.</summary>
    public Task<string> StartAgentForDomainAsync(string domainPath, params string[] extraArguments) => StartAgentAsync("", domainPath, extraArguments);

    /// <summary>As <see cref="StartAgentAsync"/>, without <c>--domain-path</c>: the agent serves the connection's own home (dom0's, on this socket).</summary>
    public Task<string> StartAgentForOwnHomeAsync(params string[] extraArguments) => StartAgentAsync("", null, extraArguments);

    /// <summary>As <see cref="StartAgentAsync"/>, with standard descriptors redirected or closed by the shell (e.g. <c>"&gt;&amp;-"</c>).</summary>
    public Task<string> StartAgentWithRedirectionsAsync(string redirections, params string[] extraArguments) => StartAgentAsync(redirections, Home, extraArguments);

    /// <summary>
    /// Starts <c>guest-agent run</c> with standard descriptors redirected by the shell, notifying
    /// <paramref name="notify"/>, and returns at once: for a test that cannot wait for READY=1 (an
    /// agent whose stderr blocks before it gets there).
    /// </summary>
    public DaemonProcess LaunchAgentWithRedirections(string redirections, NotifySocket notify) => LaunchAgent(redirections, Home, [], notify);

    /// <summary>Starts <c>guest-agent run</c> with <paramref name="extraArguments"/>, notifying <paramref name="notify"/>, and returns at once.</summary>
    public DaemonProcess LaunchAgent(NotifySocket notify, params string[] extraArguments) => LaunchAgent("", Home, extraArguments, notify);

    /// <summary>
    /// Starts <c>guest-agent run</c> through <paramref name="wrapper"/> (see <see cref="DaemonProcess.StartWrapped"/>)
    /// and waits for READY=1; returns what it notified. <paramref name="configPath"/>, when given, is
    /// its configuration file (one the wrapper was told about), else one with <paramref name="configJson"/>.
    /// </summary>
    public async Task<string> StartAgentWrappedAsync(IReadOnlyList<string> wrapper, string? configJson = null, string? configPath = null)
    {
        using var notify = NewNotifySocket();
        Agent = DaemonProcess.StartWrapped(wrapper, ["run", "--xenstore", Socket, "--domain-path", Home, "--root", Root, "--config", configPath ?? WriteConfig(configJson ?? "{}")], Environment(notify));
        return await notify.WaitForAsync("READY=1", Agent);
    }

    /// <summary>Waits for the agent to die of itself (a fault injected into it); returns what it wrote to stderr.</summary>
    public async Task<string> WaitForAgentDeathAsync()
    {
        var agent = Agent ?? throw new InvalidOperationException("The agent is not running");
        await agent.WaitForExitAsync();
        var log = agent.StandardError;
        await agent.DisposeAsync();
        Agent = null;
        return log;
    }

    /// <summary>A notification socket in the test directory, standing in for systemd's.</summary>
    public NotifySocket NewNotifySocket() => new(_directory.Combine($"notify-{Interlocked.Increment(ref _notifySockets)}"));

    private async Task<string> StartAgentAsync(string redirections, string? domainPath, string[] extraArguments)
    {
        using var notify = NewNotifySocket();
        return await notify.WaitForAsync("READY=1", LaunchAgent(redirections, domainPath, extraArguments, notify));
    }

    private DaemonProcess LaunchAgent(string redirections, string? domainPath, string[] extraArguments, NotifySocket notify, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = Environment(notify);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        // An empty configuration unless the test brings its own (an option may be given only once).
        string[] config = extraArguments.Contains("--config") ? [] : ["--config", WriteConfig("{}")];
        string[] domain = domainPath is null ? [] : ["--domain-path", domainPath];
        string[] arguments = ["run", "--xenstore", Socket, .. domain, "--root", Root, .. config, .. extraArguments];
        Agent = redirections.Length == 0
            ? DaemonProcess.Start(arguments, variables)
            : DaemonProcess.StartWithRedirections(redirections, arguments, variables);
        return Agent;
    }

    /// <summary>SIGTERM to the agent, as <c>systemctl stop</c> does; returns its exit code.</summary>
    /// <param name="thaw">The agent was frozen (<see cref="DaemonProcess.FreezeAsync"/>): SIGCONT after SIGTERM, so it meets the stop request first thing.</param>
    public async Task<int> StopAgentAsync(bool thaw = false)
    {
        var agent = Agent ?? throw new InvalidOperationException("The agent is not running");
        agent.Signal(DaemonProcess.SigTerm);
        if (thaw)
        {
            agent.Signal(DaemonProcess.SigCont);
        }

        var code = await agent.WaitForExitAsync();
        await agent.DisposeAsync();
        Agent = null;
        return code;
    }

    /// <summary>SIGKILL to the agent, as the OOM killer or a stop timeout does; returns once it is gone.</summary>
    public async Task KillAgentAsync()
    {
        var agent = Agent ?? throw new InvalidOperationException("The agent is not running");
        agent.Signal(DaemonProcess.SigKill);
        await agent.WaitForExitAsync();
        await agent.DisposeAsync();
        Agent = null;
    }

    /// <summary>A configuration file in the test directory.</summary>
    public string WriteConfig(string json)
    {
        var path = _directory.Combine($"agent-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Runs the published binary once (for <c>call</c>, <c>set-password</c> …) and returns its result.</summary>
    /// <param name="arguments">The command line.</param>
    /// <param name="standardInput">What it reads on standard input.</param>
    /// <param name="journalStream">The <c>JOURNAL_STREAM</c> it sees (none by default).</param>
    /// <param name="environment">More environment variables, over the test's own.</param>
    public static Task<ToolResult> RunBinaryAsync(IEnumerable<string> arguments, string? standardInput = null, string journalStream = "", IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = journalStream };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return ExternalTool.RunAsync(DaemonBinary.Require(), arguments, standardInput, variables);
    }

    /// <summary><c>guest-agent call --xenstore … --domid 5 [--timeout T] COMMAND [VALUE]</c>.</summary>
    public Task<ToolResult> CallAsync(params string[] commandAndValue) =>
        RunBinaryAsync(["call", "--xenstore", Socket, "--domid", DomainId.ToString(System.Globalization.CultureInfo.InvariantCulture), .. commandAndValue]);

    /// <summary>A file under the agent's root, by its path inside the guest.</summary>
    public string GuestFile(string guestPath) => Path.Combine(Root, guestPath.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        if (Agent is not null)
        {
            await Agent.DisposeAsync();
        }

        if (_xenstored is not null)
        {
            await _xenstored.DisposeAsync();
        }

        _directory.Dispose();
    }

    private static Dictionary<string, string> Environment(NotifySocket notify) => new() { ["NOTIFY_SOCKET"] = notify.Path };
}
