using System.Globalization;
using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The real NetworkManager daemon over a sequence of changes, set up as <see cref="NetworkManagerDaemon"/>
/// (a network and mount namespace of its own, a veth per interface with its MAC, a private system bus,
/// NetworkManager's run and state directories on a tmpfs) but with a keyfile directory that stays
/// writable: <c>/etc/NetworkManager/system-connections</c> is bound to <see cref="Keyfiles"/>, whose
/// files are there when NetworkManager first starts. Each phase does something (the product's apply
/// steps over files it renders, a restart of NetworkManager as a reboot would) and then records what
/// the kernel and NetworkManager hold, as <see cref="NetworkManagerOutcome"/>, once no device is
/// still connecting or deactivating. Everything runs in one shell in the namespace, in order; the
/// phases are read back by name.
/// </summary>
internal sealed class NetworkManagerScenario : IDisposable
{
    private const string KeyfileDirectory = "/etc/NetworkManager/system-connections";
    private readonly TemporaryDirectory _directory = new();
    private readonly TemporaryDirectory _root = new();
    private readonly IReadOnlyList<SystemInterface> _interfaces;
    private readonly StringBuilder _phases = new();
    private int _staged;

    /// <param name="interfaces">The machine's interfaces, each a veth with its MAC (every fixture's, when several are applied in turn).</param>
    public NetworkManagerScenario(IEnumerable<SystemInterface> interfaces)
    {
        _interfaces = interfaces.DistinctBy(nic => nic.Name).ToArray();
        Keyfiles = Directory.CreateDirectory(_root.Combine("etc", "NetworkManager", "system-connections")).FullName;
    }

    /// <summary>The host directory NetworkManager reads as <c>/etc/NetworkManager/system-connections</c>.</summary>
    public string Keyfiles { get; }

    /// <summary>
    /// Writes a keyfile NetworkManager finds at its first start, mode 0600 and root's (it ignores a file any of whose mode bits is the
    /// group's or others', or whose owner is not root), or <paramref name="mode"/> and <paramref name="owner"/>.
    /// </summary>
    public void Write(string name, string contents, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite, uint owner = 0)
    {
        var path = Path.Combine(Keyfiles, name);
        File.WriteAllText(path, contents);
        File.SetUnixFileMode(path, mode);
        new RootedFileSystem(Keyfiles).SetOwner("/" + name, new FileOwner(owner, 0));
    }

    /// <summary>The keyfiles as the agent sees them at <c>/etc/NetworkManager/system-connections</c>, read through the real file system.</summary>
    public IFileView View => new FileSystemView(new RootedFileSystem(_root.Path));

    /// <summary>Writes <paramref name="rendered"/>'s files for NetworkManager's first start, as a first <c>resetnetwork</c> left them.</summary>
    public void WriteRendered(RenderResult rendered)
    {
        foreach (var file in rendered.Files)
        {
            Write(Path.GetFileName(file.Path), file.Contents, file.Mode);
        }
    }

    /// <summary>
    /// A machine as a first <c>resetnetwork</c> left it (<paramref name="ours"/>'s keyfiles, none where it wrote none) and, where
    /// <paramref name="cloudInit"/>, cloud-init's keyfile for eth0 beside them (<see cref="NetworkManagerLeftoversTests.CloudInitEth0"/>).
    /// A factory, so that the question asked before a change and the change itself each run on a machine of their own, alike.
    /// </summary>
    public static NetworkManagerScenario WithOurs(IEnumerable<SystemInterface> interfaces, RenderResult ours, bool cloudInit)
    {
        var scenario = new NetworkManagerScenario(interfaces);
        scenario.WriteRendered(ours);
        if (cloudInit)
        {
            scenario.Write("cloud-init eth0.nmconnection", NetworkManagerLeftoversTests.CloudInitEth0);
        }

        return scenario;
    }

    /// <summary>A phase that only records what NetworkManager made of the files at its start.</summary>
    public NetworkManagerScenario Started(string phase) => Phase(phase, "");

    /// <summary>
    /// A phase doing what <c>NetworkApplier</c> does with <paramref name="rendered"/>: each file
    /// written with its mode, the one it replaces kept as its backup, each removal moved to its backup
    /// name (<see cref="NetworkBackups"/>), then <paramref name="plan"/>'s
    /// steps run in order, each one's exit code recorded (<see cref="NetworkManagerPhase.Exits"/>); a
    /// failed step does not stop the later ones (the test decides what a rollback would do).
    /// <paramref name="mode"/>, when given, replaces every file's mode (a keyfile NetworkManager refuses).
    /// </summary>
    public NetworkManagerScenario Applied(string phase, RenderResult rendered, ApplyPlan plan, UnixFileMode? mode = null)
    {
        var stage = Directory.CreateDirectory(_directory.Combine($"stage{_staged++}")).FullName;
        return Phase(phase, ApplyScript.For(stage, KeyfileDirectory, rendered, plan, mode));
    }

    /// <summary>
    /// A phase running <paramref name="query"/> (a question the product asks, as its process runner
    /// would run it) in the namespace: its exit code recorded under <c>query</c> in
    /// <see cref="NetworkManagerPhase.Exits"/>, its standard output as <see cref="NetworkManagerPhase.Answer"/>.
    /// </summary>
    public NetworkManagerScenario Queried(string phase, ProcessSpec query)
    {
        var words = string.Join(' ', new[] { query.Program }.Concat(query.Arguments).Select(ShellWords.Quote));
        return Phase(phase, $"answer=$({words}); echo \"@exit $? query\"; printf '%s\\n' \"$answer\" | sed 's/^/@answer /'\n");
    }

    /// <summary>
    /// A phase that lets NetworkManager's clock move on by two seconds: it keeps when each connection
    /// was last active in whole seconds, and among connections of the same autoconnect priority the
    /// most recently active one wins at the next boot. What it sees is the clock's whole second, so the phase
    /// waits until that is two past the one it started in (polled every 0.05 s): anything stamped before is then
    /// two seconds older than anything stamped after, as after a <c>sleep 2</c>, in 1 to 2 s rather than always 2.
    /// </summary>
    public NetworkManagerScenario Later(string phase) =>
        Phase(phase, "later=$(($(date +%s) + 2)); while [ \"$(date +%s)\" -lt $later ]; do sleep 0.05; done\n");

    /// <summary>
    /// A phase restarting NetworkManager as a reboot would: the daemon stopped, every veth deleted
    /// and made again with its MAC (the kernel's addresses and routes gone, as after a boot), the
    /// device state in <c>/run/NetworkManager</c> removed, and NetworkManager started again on the same
    /// keyfiles and the same <c>/var/lib/NetworkManager</c> (its timestamps, which order connections
    /// of equal priority), until its start-up completes. <paramref name="abruptly"/> kills it
    /// (<c>SIGKILL</c>) as a power cut or a hypervisor's reset would: nothing written at its exit.
    /// <paramref name="withoutTimestamps"/> removes, while it is down, its record of when each connection was
    /// last active (<c>/var/lib/NetworkManager/timestamps</c>): as on a machine whose <c>/var/lib</c> is not
    /// kept, and as when two connections were last active in the same second, which the record cannot tell apart.
    /// </summary>
    public NetworkManagerScenario Rebooted(string phase, bool abruptly = false, bool withoutTimestamps = false)
    {
        var script = new StringBuilder(abruptly ? "kill -9 $daemon; wait $daemon\n" : "kill $daemon; wait $daemon\n");
        if (withoutTimestamps)
        {
            script.Append("rm -f /var/lib/NetworkManager/timestamps\n");
        }

        AppendLinks(script, remove: true);
        script.Append("rm -rf /run/NetworkManager/devices\nstart_daemon\n")
            .Append(CultureInfo.InvariantCulture, $"{ExternalTool.Require("nm-online", "network-manager")} -s -q -t 60 || echo @unsettled\n");
        return Phase(phase, script.ToString());
    }

    /// <summary>Runs every phase, in order, and reads each one's record.</summary>
    public async Task<IReadOnlyDictionary<string, NetworkManagerPhase>> RunAsync()
    {
        ExternalTool.Require(NetworkManagerDaemon.Daemon, "network-manager");
        var nmcli = ExternalTool.Require("nmcli", "network-manager");
        var online = ExternalTool.Require("nm-online", "network-manager");
        var bus = ExternalTool.Require("dbus-daemon", "dbus-daemon");
        ExternalTool.Require("ip", "iproute2");
        var unshare = ExternalTool.Require("unshare", "util-linux");
        if (Environment.UserName != "root")
        {
            Requirement.Unmet("NetworkManager runs as root and reads only root's keyfiles, as in CI");
        }

        var log = _directory.Combine("NetworkManager.log");
        File.WriteAllText(_directory.Combine("NetworkManager.conf"), NetworkManagerDaemon.Configuration);
        File.WriteAllText(_directory.Combine("bus.conf"), NetworkManagerDaemon.BusConfiguration);
        var empty = Directory.CreateDirectory(_directory.Combine("empty")).FullName;
        var names = string.Join(' ', _interfaces.Select(nic => ShellWords.Quote(nic.Name)));
        var script = new StringBuilder("set -u\nip link set lo up\n");
        AppendLinks(script, remove: false);
        script.Append(CultureInfo.InvariantCulture, $$"""
            mount -t sysfs -o ro sysfs /sys || exit 91
            mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /var/lib/NetworkManager || exit 92
            mkdir -p /run/dbus /run/NetworkManager/system-connections /run/NetworkManager/conf.d || exit 93
            mount --bind {{ShellWords.Quote(Keyfiles)}} {{KeyfileDirectory}} || exit 94
            export DBUS_SYSTEM_BUS_ADDRESS=unix:path=/run/dbus/system_bus_socket
            {{bus}} --config-file={{ShellWords.Quote(_directory.Combine("bus.conf"))}} --fork --print-pid > /run/dbus/pid || exit 96
            daemon=
            trap 'if [ -n "$daemon" ]; then kill $daemon; fi; kill $(cat /run/dbus/pid)' EXIT
            start_daemon() {
              {{NetworkManagerDaemon.Daemon}} --debug --config={{ShellWords.Quote(_directory.Combine("NetworkManager.conf"))}} --config-dir={{ShellWords.Quote(empty)}} --system-config-dir={{ShellWords.Quote(empty)}} >> {{ShellWords.Quote(log)}} 2>&1 &
              daemon=$!
            }
            # Until no device is on its way up or down (NetworkManager acts on a reload asynchronously); a minute at most.
            settle() {
              for i in $(seq 60); do
                {{nmcli}} -t -f STATE device | grep -q -e connecting -e deactivating || return 0
                sleep 1
              done
              echo @unsettled
            }
            record() {
              settle
              for name in {{names}}; do echo "@device $name"; {{nmcli}} --terse --escape no -f GENERAL.STATE,GENERAL.CONNECTION,IP4.DNS,IP6.DNS device show "$name"; done
              echo @active; {{nmcli}} --terse --escape no -f NAME,DEVICE connection show --active
              echo @addresses; ip -o addr show
              echo @routes; ip -4 route show; ip -6 route show
              echo @resolv; if [ -e /run/NetworkManager/resolv.conf ]; then cat /run/NetworkManager/resolv.conf; fi
              echo @timestamps; cat /var/lib/NetworkManager/timestamps 2>/dev/null
            }
            start_daemon
            {{online}} -s -q -t 60 || echo @unsettled

            """);
        script.Append(_phases);
        var result = await ExternalTool.RunAsync(unshare, ["-mn", "/bin/sh", "-c", script.ToString()], timeout: TimeSpan.FromMinutes(5));
        var daemonLog = File.Exists(log) ? File.ReadAllText(log) : "(no log)";
        var transcript = $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}\nNetworkManager:\n{daemonLog}";
        Assert.True(result.ExitCode == 0, transcript);
        return NetworkManagerPhase.ParseAll(result.StandardOutput, transcript);
    }

    public void Dispose()
    {
        _directory.Dispose();
        _root.Dispose();
    }

    private NetworkManagerScenario Phase(string phase, string actions)
    {
        _phases.Append(CultureInfo.InvariantCulture, $"echo '@@phase {phase}'\n{actions}record\n");
        return this;
    }

    private void AppendLinks(StringBuilder script, bool remove)
    {
        var peer = 0;
        foreach (var nic in _interfaces)
        {
            if (remove)
            {
                script.Append(CultureInfo.InvariantCulture, $"ip link del {ShellWords.Quote(nic.Name)} || exit 89\n");
            }

            script.Append(CultureInfo.InvariantCulture, $"ip link add {ShellWords.Quote(nic.Name)} address {nic.Mac} type veth peer name gapeer{peer} || exit 90\n")
                .Append(CultureInfo.InvariantCulture, $"ip link set gapeer{peer++} up\n");
        }
    }
}

/// <summary>One phase of a <see cref="NetworkManagerScenario"/>: what its steps answered and what the kernel and NetworkManager held after.</summary>
/// <param name="Exits">Each step's exit code, by its display name (<c>nmcli connection up guest-agent-eth0</c>).</param>
/// <param name="Active">The active connections, <c>&lt;id&gt;:&lt;device&gt;</c>.</param>
/// <param name="State">What the kernel and NetworkManager held once no device was still changing.</param>
internal sealed record NetworkManagerPhase(IReadOnlyDictionary<string, int> Exits, IReadOnlyList<string> Active, NetworkManagerOutcome State)
{
    /// <summary>What the phase's query printed (<see cref="NetworkManagerScenario.Queried"/>), its lines as printed; empty for another phase.</summary>
    public string Answer { get; init; } = "";

    public static IReadOnlyDictionary<string, NetworkManagerPhase> ParseAll(string output, string transcript)
    {
        var phases = new Dictionary<string, NetworkManagerPhase>(StringComparer.Ordinal);
        foreach (var part in output.Split("@@phase ").Skip(1))
        {
            var lines = part.Split('\n');
            var exits = new Dictionary<string, int>(StringComparer.Ordinal);
            var active = new List<string>();
            var answer = new StringBuilder();
            var inActive = false;
            foreach (var line in lines.Skip(1))
            {
                if (line.StartsWith("@exit ", StringComparison.Ordinal))
                {
                    var words = line.Split(' ', 3);
                    exits[words[2]] = int.Parse(words[1], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("@answer ", StringComparison.Ordinal))
                {
                    answer.Append(line["@answer ".Length..]).Append('\n');
                }
                else if (line.StartsWith('@'))
                {
                    inActive = line == "@active";
                }
                else if (inActive && line.Length > 0)
                {
                    active.Add(line);
                }
            }

            phases[lines[0].Trim()] = new NetworkManagerPhase(exits, active, NetworkManagerOutcome.Parse(part, transcript)) { Answer = answer.ToString() };
        }

        return phases;
    }
}
