using System.Diagnostics;
using GuestAgent.Testing;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// The real C xenstored 4.17 (Debian xen-utils-4.17) run without Xen, as scripts/c-xenstored/start.sh
/// runs it: <c>shim.c</c>, compiled here with clang and preloaded, stands in for the hypervisor
/// interfaces; guest <see cref="GuestDomain"/> is introduced, its home made as
/// <c>XenStoreServer.CreateGuestDomain</c> makes it, and <c>ringproxy.py</c> bridges
/// <see cref="GuestSocket"/> to its ring, so a client there is that guest as C xenstored sees one.
/// Started by <see cref="StartAsync"/> with the quotas as options, once per test class; disposing kills the
/// daemon and the proxy. When a tool is missing, <see cref="Require"/> skips (locally) or fails (CI).
/// </summary>
internal sealed class CXenstored : IAsyncDisposable
{
    public const uint GuestDomain = 7;
    public const uint OtherDomain = 9;
    public const string Daemon = "/usr/lib/xen-4.17/bin/xenstored";
    private const string Python = "/usr/bin/python3";

    private readonly TemporaryDirectory _directory = new("gacxs-");
    private readonly List<Process> _processes = [];
    private string? _unmet;

    private CXenstored()
    {
        Dom0Socket = _directory.Combine("socket");
        GuestSocket = _directory.Combine("guest");
    }

    /// <summary>Dom0's socket (connections act as dom0).</summary>
    public string Dom0Socket { get; }

    /// <summary>The ring proxy's socket: one client at a time acts as the guest over its ring.</summary>
    public string GuestSocket { get; }

    /// <summary>Skips (locally) or fails (CI) the calling test when a tool was missing.</summary>
    public void Require()
    {
        if (_unmet is not null)
        {
            Requirement.Unmet(_unmet);
        }
    }

    /// <summary>Starts the daemon with the given command-line options (quotas); never throws for a missing tool.</summary>
    public static async Task<CXenstored> StartAsync(params string[] options)
    {
        var started = new CXenstored();
        started._unmet = Missing();
        if (started._unmet is null)
        {
            await started.StartDaemonAsync(options);
        }

        return started;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            process.Dispose();
        }

        _directory.Dispose();
    }

    private static string? Missing()
    {
        if (!File.Exists(Daemon))
        {
            return $"'{Daemon}' is not installed: apt-get install xen-utils-4.17";
        }

        if (ExternalTool.Find("clang") is null)
        {
            return "'clang' (to build scripts/c-xenstored/shim.c) is not installed: apt-get install clang";
        }

        return File.Exists(Python) ? null : $"'{Python}' is not installed: apt-get install python3";
    }

    private async Task StartDaemonAsync(string[] options)
    {
        var scripts = Path.Combine(RepositoryRoot(), "scripts", "c-xenstored");
        var shim = _directory.Combine("shim.so");
        await Check(ExternalTool.RunAsync("clang", ["-shared", "-fPIC", "-O1", "-o", shim, Path.Combine(scripts, "shim.c"), "-ldl", "-Wl,--version-script=" + Path.Combine(scripts, "shim.map")]));
        await File.WriteAllTextAsync(_directory.Combine("xsd_port"), "1\n");
        await File.WriteAllBytesAsync(_directory.Combine("xsd_kva"), new byte[4096]);
        await Check(ExternalTool.RunAsync("mkfifo", [_directory.Combine("evtchn")]));

        // XENSTORED_RUNDIR and XENSTORED_PATH keep it off /var/run/xenstored, the machine's own endpoint.
        Start(Daemon, ["-N", "-T", _directory.Combine("trace"), .. options], "xenstored.log", new Dictionary<string, string>
        {
            ["XS_SHIM_DIR"] = _directory.Path,
            // The guest, and a domain a sequence may introduce and release (OtherDomain).
            ["XS_SHIM_DOMAINS"] = $"{GuestDomain},{OtherDomain}",
            ["LD_PRELOAD"] = shim,
            ["XENSTORED_RUNDIR"] = _directory.Path,
            ["XENSTORED_PATH"] = Dom0Socket,
        });
        await WaitForSocketAsync(Dom0Socket, "xenstored.log");
        await MakeGuestHomeAsync();
        Start(Python, [Path.Combine(scripts, "ringproxy.py"), GuestDomain.ToString(System.Globalization.CultureInfo.InvariantCulture), GuestSocket, _directory.Path], "ringproxy.log", new Dictionary<string, string>());
        await WaitForSocketAsync(GuestSocket, "ringproxy.log");
    }

    /// <summary>Dom0's two nodes, as the embedded server starts with them, and the guest's home as <c>CreateGuestDomain</c> makes it.</summary>
    private async Task MakeGuestHomeAsync()
    {
        var g = GuestDomain.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var home = "/local/domain/" + g;
        var requests = new List<(XenStoreMessageType Type, string Payload)>
        {
            (XenStoreMessageType.Write, "/local/domain/0/domid\00"),
            (XenStoreMessageType.Write, "/local/domain/0/name\0Domain-0"),
            (XenStoreMessageType.Introduce, $"{g}\01\01\0"),
            (XenStoreMessageType.Mkdir, home + "\0"),
            (XenStoreMessageType.SetPermissions, $"{home}\0n0\0r{g}\0"),
        };
        foreach (var (name, value) in new[] { ("domid", g), ("name", "guest-" + g) })
        {
            requests.Add((XenStoreMessageType.Write, $"{home}/{name}\0{value}"));
            requests.Add((XenStoreMessageType.SetPermissions, $"{home}/{name}\0n0\0r{g}\0"));
        }

        foreach (var owned in new[] { "data", "data/host", "data/guest" })
        {
            requests.Add((XenStoreMessageType.Mkdir, $"{home}/{owned}\0"));
            requests.Add((XenStoreMessageType.SetPermissions, $"{home}/{owned}\0n{g}\0"));
        }

        requests.Add((XenStoreMessageType.Mkdir, home + "/vm-data\0"));
        requests.Add((XenStoreMessageType.SetPermissions, $"{home}/vm-data\0n0\0r{g}\0"));
        using var dom0 = await RawConnection.ConnectAsync(Dom0Socket);
        uint id = 1;
        foreach (var (type, payload) in requests)
        {
            await dom0.SendAsync(type, id, payload);
            var (header, answer) = await dom0.ReplyAsync(id++);
            if (header.Type == XenStoreMessageType.Error)
            {
                throw new InvalidOperationException($"C xenstored refused {type} {payload.Replace('\0', ' ')}: {answer}");
            }
        }
    }

    private void Start(string program, string[] arguments, string log, Dictionary<string, string> environment)
    {
        // exec in a shell only to send the output to a file: the pid is the program's own.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in (string[])["-c", "exec \"$0\" \"$@\" >\"$LOG\" 2>&1", program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["LOG"] = _directory.Combine(log);
        _processes.Add(Process.Start(start) ?? throw new InvalidOperationException("Could not start " + program));
    }

    private async Task WaitForSocketAsync(string socket, string log)
    {
        var deadline = Deadline.After(TimeSpan.FromMinutes(1));
        while (!File.Exists(socket))
        {
            if (deadline.HasPassed || _processes.Exists(p => p.HasExited))
            {
                var text = File.Exists(_directory.Combine(log)) ? await File.ReadAllTextAsync(_directory.Combine(log)) : "";
                throw new InvalidOperationException($"{socket} never appeared; {log}: {text}");
            }

            await Task.Delay(20);
        }
    }

    private static async Task Check(Task<ToolResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "c-xenstored", "shim.c")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No scripts/c-xenstored/shim.c above the test directory");
    }
}
