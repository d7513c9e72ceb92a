using System.Globalization;
using System.Text;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The real systemd-networkd over a sequence of changes, set up as <see cref="NetworkdDaemon"/> (a
/// network and mount namespace of its own, a veth per interface with its MAC, <c>/sys</c> read-only)
/// with what <c>networkctl</c> needs besides: a private system bus (<c>dbus-daemon</c>, where networkd
/// owns <c>org.freedesktop.network1</c>; root's calls pass without polkit). <c>/etc/systemd/network</c> is
/// <see cref="Files"/>, writable, <c>/run/systemd/network</c> holds <see cref="WriteRun"/>'s files
/// (as netplan's generator leaves them at every boot), and <see cref="WriteAt"/> writes in any of the three
/// (<c>/usr/lib/systemd/network</c> too). Each phase does something (the product's apply
/// steps over files it renders, a restart of networkd as a boot would) and then records, as
/// <see cref="NetworkdOutcome"/>, what the kernel and networkd hold once networkd has configured every
/// link it manages. Everything runs in one shell in the namespace, in order; phases are read back by name.
/// </summary>
internal sealed class NetworkdScenario : IDisposable
{
    private const string NetworkDirectory = "/etc/systemd/network";
    private readonly TemporaryDirectory _directory = new();
    private readonly IReadOnlyList<SystemInterface> _interfaces;
    private readonly StringBuilder _phases = new();
    private readonly List<string> _names = [];
    private readonly string _run;
    private readonly string _lib;
    private int _staged;

    /// <param name="interfaces">The machine's interfaces, each a veth with its MAC (every fixture's, when several are applied in turn).</param>
    public NetworkdScenario(IEnumerable<SystemInterface> interfaces)
    {
        _interfaces = interfaces.DistinctBy(nic => nic.Name).ToArray();
        Files = Directory.CreateDirectory(_directory.Combine("network")).FullName;
        _run = Directory.CreateDirectory(_directory.Combine("run-network")).FullName;
        _lib = Directory.CreateDirectory(_directory.Combine("lib-network")).FullName;
        foreach (var directory in new[] { Files, _run, _lib })
        {
            // networkd reads them as its systemd-network user, as /etc/systemd/network is readable by all.
            File.SetUnixFileMode(directory, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    /// <summary>The host directory networkd reads as <c>/etc/systemd/network</c>.</summary>
    public string Files { get; }

    /// <summary>Writes a file networkd finds in <c>/etc/systemd/network</c> at its first start.</summary>
    public void Write(string name, string contents) => WriteIn(Files, name, contents);

    /// <summary>Writes a file networkd finds in <c>/run/systemd/network</c> from its first start on.</summary>
    public void WriteRun(string name, string contents) => WriteIn(_run, name, contents);

    /// <summary>
    /// Writes a file (a drop-in too: <c>00-x.network.d/y.conf</c>) networkd finds at <paramref name="path"/> under
    /// <c>/etc/systemd/network</c>, <c>/run/systemd/network</c> or <c>/usr/lib/systemd/network</c> from its first start on;
    /// <c>null</c> <paramref name="contents"/> masks the name (a link to <c>/dev/null</c>).
    /// </summary>
    public void WriteAt(string path, string? contents)
    {
        var (directory, name) = path.StartsWith(NetworkDirectory + "/", StringComparison.Ordinal) ? (Files, path[(NetworkDirectory.Length + 1)..])
            : path.StartsWith("/run/systemd/network/", StringComparison.Ordinal) ? (_run, path["/run/systemd/network/".Length..])
            : path.StartsWith("/usr/lib/systemd/network/", StringComparison.Ordinal) ? (_lib, path["/usr/lib/systemd/network/".Length..])
            : throw new ArgumentException($"not one of networkd's directories: {path}", nameof(path));
        if (Path.GetDirectoryName(name) is { Length: > 0 } subdirectory)
        {
            File.SetUnixFileMode(Directory.CreateDirectory(Path.Combine(directory, subdirectory)).FullName, (UnixFileMode)Convert.ToInt32("755", 8));
        }

        if (contents is null)
        {
            File.CreateSymbolicLink(Path.Combine(directory, name), "/dev/null");
        }
        else
        {
            WriteIn(directory, name, contents);
        }
    }

    /// <summary>Writes <paramref name="rendered"/>'s files for networkd's first start, as a first <c>resetnetwork</c> left them.</summary>
    public void WriteRendered(RenderResult rendered)
    {
        foreach (var file in rendered.Files)
        {
            Assert.StartsWith(NetworkDirectory + "/", file.Path, StringComparison.Ordinal);
            Write(Path.GetFileName(file.Path), file.Contents);
        }
    }

    /// <summary>A phase that only records what networkd made of the files at its start.</summary>
    public NetworkdScenario Started(string phase) => Phase(phase, "");

    /// <summary>
    /// Waits, recording nothing, until networkd has taken every link at its start (each one's <c>ADMIN_STATE</c> past
    /// pending and configuring; the run fails after 90 s), so the next phase changes a settled networkd as on a running guest.
    /// Cheaper than <see cref="Started"/> where no link is configured: <c>systemd-networkd-wait-online</c> then waits its
    /// whole timeout for a link to come online.
    /// </summary>
    public NetworkdScenario Settled()
    {
        _phases.Append(NetworkdDaemon.Settle);
        return this;
    }

    /// <summary>
    /// A phase doing what <c>NetworkApplier</c> does with <paramref name="rendered"/>: each file
    /// written with its mode (the one it replaces kept as its backup), each removal moved to its backup
    /// name (<see cref="NetworkBackups"/>), then <paramref name="plan"/>'s steps run in order, each one's
    /// exit code recorded (<see cref="NetworkdPhase.Exits"/>); a failed step does not stop the later ones.
    /// </summary>
    public NetworkdScenario Applied(string phase, RenderResult rendered, ApplyPlan plan)
    {
        var stage = Directory.CreateDirectory(_directory.Combine($"stage{_staged++}")).FullName;
        _names.AddRange(rendered.Files.Select(file => Path.GetFileName(file.Path)));
        return Phase(phase, ApplyScript.For(stage, NetworkDirectory, rendered, plan));
    }

    /// <summary>
    /// A phase restarting networkd as a boot would: networkd stopped, every veth deleted and made again
    /// with its MAC (the kernel's addresses and routes gone), networkd's state in <c>/run/systemd/netif</c>
    /// removed, and networkd started again on the same files.
    /// </summary>
    public NetworkdScenario Rebooted(string phase)
    {
        var script = new StringBuilder("kill $daemon; wait $daemon\n");
        NetworkdDaemon.AppendLinks(script, _interfaces, remove: true);
        script.Append("rm -rf /run/systemd/netif/* && mkdir -p /run/systemd/netif/links && chown -R systemd-network: /run/systemd/netif || exit 93\nstart_daemon\n");
        return Phase(phase, script.ToString());
    }

    /// <summary>Runs every phase, in order, and reads each one's record.</summary>
    public async Task<IReadOnlyDictionary<string, NetworkdPhase>> RunAsync()
    {
        var unshare = NetworkdDaemon.Require();
        var bus = ExternalTool.Require("dbus-daemon", "dbus-daemon");
        ExternalTool.Require("networkctl", "systemd");
        NetworkdDaemon.WithoutRouterSolicitation(Files, Directory.GetFiles(Files, "*.network").Concat(Directory.GetFiles(_run, "*.network")).Concat(Directory.GetFiles(_lib, "*.network")).Select(Path.GetFileName).OfType<string>().Concat(_names));
        var log = _directory.Combine("networkd.log");
        File.WriteAllText(_directory.Combine("bus.conf"), NetworkManagerDaemon.BusConfiguration);
        var script = new StringBuilder("set -u\n");
        NetworkdDaemon.AppendLinks(script, _interfaces, remove: false);
        script.Append("mount -t tmpfs tmpfs /run && mkdir -p /run/dbus /run/systemd || exit 92\n")
            .Append(NetworkdDaemon.Mounts(Files))
            .Append(CultureInfo.InvariantCulture, $$"""
            cp -p {{ShellWords.Quote(_run)}}/. /run/systemd/network/ -R || exit 95
            cp -p {{ShellWords.Quote(_lib)}}/. /usr/lib/systemd/network/ -R || exit 95
            export DBUS_SYSTEM_BUS_ADDRESS=unix:path=/run/dbus/system_bus_socket
            {{bus}} --config-file={{ShellWords.Quote(_directory.Combine("bus.conf"))}} --fork --print-pid > /run/dbus/pid || exit 96
            daemon=
            trap 'if [ -n "$daemon" ]; then kill $daemon; fi; kill $(cat /run/dbus/pid)' EXIT
            start_daemon() {
              SYSTEMD_LOG_LEVEL=debug {{NetworkdDaemon.Networkd}} >> {{ShellWords.Quote(log)}} 2>&1 &
              daemon=$!
            }
            record() {
            {{NetworkdDaemon.Record}}
            }
            start_daemon

            """);
        script.Append(_phases);
        var result = await ExternalTool.RunAsync(unshare, ["-mn", "/bin/sh", "-c", script.ToString()], timeout: TimeSpan.FromMinutes(5));
        var daemonLog = File.Exists(log) ? File.ReadAllText(log) : "(no log)";
        var transcript = $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}\nnetworkd:\n{daemonLog}";
        Assert.True(result.ExitCode == 0, transcript);
        return NetworkdPhase.ParseAll(result.StandardOutput, transcript);
    }

    public void Dispose() => _directory.Dispose();

    private static void WriteIn(string directory, string name, string contents)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, contents);
        File.SetUnixFileMode(path, RenderedFile.Public);
    }

    private NetworkdScenario Phase(string phase, string actions)
    {
        _phases.Append(CultureInfo.InvariantCulture, $"echo '@@phase {phase}'\n{actions}record\n");
        return this;
    }
}

/// <summary>One phase of a <see cref="NetworkdScenario"/>: what its steps answered and what the kernel and networkd held after.</summary>
/// <param name="Exits">Each step's exit code, by its display name (<c>networkctl reconfigure eth0</c>).</param>
/// <param name="State">What the kernel and networkd held once networkd had configured every link it manages.</param>
internal sealed record NetworkdPhase(IReadOnlyDictionary<string, int> Exits, NetworkdOutcome State)
{
    public static IReadOnlyDictionary<string, NetworkdPhase> ParseAll(string output, string transcript)
    {
        var phases = new Dictionary<string, NetworkdPhase>(StringComparer.Ordinal);
        foreach (var part in output.Split("@@phase ").Skip(1))
        {
            var lines = part.Split('\n');
            var exits = lines.Where(line => line.StartsWith("@exit ", StringComparison.Ordinal))
                .Select(line => line.Split(' ', 3))
                .ToDictionary(words => words[2], words => int.Parse(words[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
            phases[lines[0].Trim()] = new NetworkdPhase(exits, NetworkdOutcome.Parse(part, transcript));
        }

        return phases;
    }
}
